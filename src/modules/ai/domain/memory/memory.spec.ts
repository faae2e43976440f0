import { mergeTurns, MemoryTurn, normaliseMemoryContent, summarizeExtractively, tidyMemoryContent } from './memory';

const turn = (messageId: string, at: string, body = `body ${messageId}`, author: MemoryTurn['author'] = 'contact'): MemoryTurn => ({ messageId, author, body, at });
const ids = (turns: MemoryTurn[]) => turns.map((t) => t.messageId);

describe('mergeTurns', () => {
  it('appends new turns after the window, in time order', () => {
    const window = [turn('m1', '2026-11-23T10:00:00.000Z'), turn('m2', '2026-11-23T10:01:00.000Z')];
    expect(ids(mergeTurns(window, [turn('m3', '2026-11-23T10:02:00.000Z')], 10))).toEqual(['m1', 'm2', 'm3']);
  });

  it('keeps one turn per message, the added version replacing the one in the window', () => {
    const window = [turn('m1', '2026-11-23T10:00:00.000Z'), turn('m2', '2026-11-23T10:01:00.000Z', 'old')];
    const merged = mergeTurns(window, [turn('m2', '2026-11-23T10:01:00.000Z', 'new'), turn('m1', '2026-11-23T10:00:00.000Z')], 10);
    expect(ids(merged)).toEqual(['m1', 'm2']);
    expect(merged[1].body).toBe('new');
  });

  it('puts an added turn older than the window where it belongs in time', () => {
    const window = [turn('reply', '2026-11-23T10:05:00.000Z', 'answer', 'ai')];
    expect(ids(mergeTurns(window, [turn('question', '2026-11-23T10:04:00.000Z')], 10))).toEqual(['question', 'reply']);
  });

  it('keeps the order of arrival for turns of the same instant', () => {
    const at = '2026-11-23T10:00:00.000Z';
    expect(ids(mergeTurns([turn('b', at), turn('a', at)], [turn('c', at)], 10))).toEqual(['b', 'a', 'c']);
  });

  it('keeps only the newest maxTurns', () => {
    const window = Array.from({ length: 5 }, (_, i) => turn(`m${i}`, `2026-11-23T10:0${i}:00.000Z`));
    expect(ids(mergeTurns(window, [turn('m5', '2026-11-23T10:05:00.000Z')], 3))).toEqual(['m3', 'm4', 'm5']);
    expect(mergeTurns(window, [], 0)).toEqual([]);
  });

  it('does not change its inputs', () => {
    const window = [turn('m2', '2026-11-23T10:01:00.000Z')];
    const added = [turn('m1', '2026-11-23T10:00:00.000Z')];
    mergeTurns(window, added, 1);
    expect(ids(window)).toEqual(['m2']);
    expect(ids(added)).toEqual(['m1']);
  });
});

describe('memory content', () => {
  it('is stored trimmed, whitespace collapsed, at most 2000 characters', () => {
    expect(tidyMemoryContent('  Prefers   delivery\n in the afternoon  ')).toBe('Prefers delivery in the afternoon');
    expect(tidyMemoryContent('x'.repeat(2500))).toHaveLength(2000);
  });

  it('compares case- and spacing-insensitively', () => {
    expect(normaliseMemoryContent(' Allergic to  NUTS ')).toBe(normaliseMemoryContent('allergic to nuts'));
  });
});

describe('summarizeExtractively', () => {
  const conversation: MemoryTurn[] = [
    turn('1', '2026-11-23T13:00:00.000Z', 'Oi, bom dia!'),
    turn('2', '2026-11-23T13:00:05.000Z', 'Olá! Como posso ajudar?', 'ai'),
    turn('3', '2026-11-23T13:01:00.000Z', 'Quero um bolo de chocolate   para sábado'),
    turn('4', '2026-11-23T13:01:05.000Z', 'Claro, para quantas pessoas?', 'ai'),
    turn('5', '2026-11-23T13:02:00.000Z', 'Vinte pessoas, sem nozes: minha filha é alérgica'),
    turn('6', '2026-11-23T13:03:00.000Z', 'Muito obrigada!'),
  ];

  it("keeps what the customer said, in their words and in order, dated, without greetings, thanks or the AI's replies", () => {
    expect(summarizeExtractively(conversation)).toBe(
      'Conversation on 2026-11-23: customer said: "Quero um bolo de chocolate para sábado"; "Vinte pessoas, sem nozes: minha filha é alérgica"',
    );
  });

  it('drops the oldest statements first when it does not fit', () => {
    const summary = summarizeExtractively(conversation, 110);
    expect(summary).toBe('Conversation on 2026-11-23: customer said: "Vinte pessoas, sem nozes: minha filha é alérgica"');
    expect(summary.length).toBeLessThanOrEqual(110);
  });

  it('cuts a single statement too long to fit', () => {
    const long = [turn('1', '2026-11-23T13:00:00.000Z', 'preciso de '.repeat(100))];
    const summary = summarizeExtractively(long, 120);
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary).toMatch(/^Conversation on 2026-11-23: customer said: "preciso de .*…"$/);
  });

  it('is empty when the customer only greeted, thanked or sent media', () => {
    expect(summarizeExtractively([turn('1', '2026-11-23T13:00:00.000Z', 'Hello!'), turn('2', '2026-11-23T13:00:01.000Z', '[media]'), turn('3', '2026-11-23T13:00:02.000Z', 'thanks, bye')])).toBe('');
    expect(summarizeExtractively([])).toBe('');
  });

  it('skips a statement the customer repeated straight away', () => {
    const repeated = [turn('1', '2026-11-23T13:00:00.000Z', 'Where is my order?'), turn('2', '2026-11-23T13:00:10.000Z', 'Where is my order?')];
    expect(summarizeExtractively(repeated)).toBe('Conversation on 2026-11-23: customer said: "Where is my order?"');
  });
});
