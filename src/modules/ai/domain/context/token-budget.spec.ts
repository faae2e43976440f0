import { estimateTokens } from '../local-reply';
import { contextTokenBudget, trimToBudget } from './token-budget';

/** A turn of `tokens` tokens by estimateTokens (4 characters each). */
const turn = (id: number, tokens: number) => ({ id, body: `${id}`.padEnd(tokens * 4, '.') });
const ids = (turns: { id: number }[]) => turns.map((t) => t.id);

describe('contextTokenBudget', () => {
  it('knows the models of the table, dated variants and gateway prefixes included', () => {
    expect(contextTokenBudget('gpt-4o')).toBe(16000);
    expect(contextTokenBudget('gpt-4o-mini')).toBe(16000);
    expect(contextTokenBudget('gpt-4o-2024-08-06')).toBe(16000);
    expect(contextTokenBudget('gpt-4.1-mini')).toBe(16000);
    expect(contextTokenBudget('openai/GPT-4o-mini')).toBe(16000);
    expect(contextTokenBudget('gpt-3.5-turbo')).toBe(12000);
    expect(contextTokenBudget('atende-local-v1')).toBe(2000);
  });

  it('gives an unknown model 8000 tokens', () => {
    expect(contextTokenBudget('llama3.1:8b')).toBe(8000);
  });

  it('lets a configured override win', () => {
    expect(contextTokenBudget('gpt-4o', 3000)).toBe(3000);
    expect(contextTokenBudget('unknown', 500)).toBe(500);
    expect(contextTokenBudget('gpt-4o', undefined)).toBe(16000);
  });
});

describe('trimToBudget', () => {
  const history = [turn(1, 10), turn(2, 10), turn(3, 10), turn(4, 10)];

  it('keeps everything that fits, in order', () => {
    expect(trimToBudget(history, 100, 50, estimateTokens)).toEqual(history);
  });

  it('keeps the newest turns that fit with the fixed part, in their order, and drops the older ones', () => {
    expect(ids(trimToBudget(history, 50, 20, estimateTokens))).toEqual([2, 3, 4]);
    expect(ids(trimToBudget(history, 50, 21, estimateTokens))).toEqual([3, 4]);
  });

  it('never skips a turn to squeeze in an older, shorter one', () => {
    const turns = [turn(1, 1), turn(2, 30), turn(3, 10)];
    expect(ids(trimToBudget(turns, 25, 0, estimateTokens))).toEqual([3]);
  });

  it('always keeps the last turn, cutting its beginning when it alone is too long', () => {
    const long = { id: 9, body: 'começo antigo ' + 'x'.repeat(100) + ' final recente' };
    const [kept] = trimToBudget([turn(1, 5), long], 20, 10, estimateTokens);

    expect(kept.id).toBe(9);
    expect(estimateTokens(kept.body)).toBeLessThanOrEqual(10);
    expect(kept.body).toHaveLength(40);
    expect(long.body.endsWith(kept.body)).toBe(true);
    expect(kept.body.endsWith(' final recente')).toBe(true);
  });

  it('keeps the last turn with an empty body when the fixed part alone exceeds the budget', () => {
    expect(trimToBudget([turn(1, 5), turn(2, 5)], 100, 200, estimateTokens)).toEqual([{ id: 2, body: '' }]);
  });

  it('returns nothing for no turns, and does not modify its input', () => {
    expect(trimToBudget([], 100, 0, estimateTokens)).toEqual([]);
    const turns = [turn(1, 50)];
    trimToBudget(turns, 10, 0, estimateTokens);
    expect(turns[0].body).toHaveLength(200);
  });
});
