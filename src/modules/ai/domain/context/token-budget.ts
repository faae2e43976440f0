import { lookupByModel } from '../model-table';

/**
 * Tokens of conversation history per model: far below the context windows, because a longer
 * history costs more on every turn and rarely changes the answer. The local model reads little.
 */
const BUDGETS: Record<string, number> = {
  'gpt-4o': 16000,
  'gpt-4o-mini': 16000,
  'gpt-4.1': 16000,
  'gpt-3.5': 12000,
  'atende-local-v1': 2000,
};
const UNKNOWN_MODEL_BUDGET = 8000;

export function contextTokenBudget(model: string, override?: number): number {
  if (override !== undefined && override > 0) return override;
  return lookupByModel(BUDGETS, model) ?? UNKNOWN_MODEL_BUDGET;
}

/**
 * The newest turns, in their order, whose tokens plus `fixedTokens` (system prompt, knowledge,
 * the question) fit the budget. The last turn is always kept; if it alone is too long, its
 * beginning is cut so that its end, the most recent words, fits.
 */
export function trimToBudget<T extends { body: string }>(turns: T[], budgetTokens: number, fixedTokens: number, estimate: (text: string) => number): T[] {
  if (turns.length === 0) return [];
  const available = budgetTokens - fixedTokens;
  let used = 0;
  let first = turns.length;
  while (first > 0 && used + estimate(turns[first - 1].body) <= available) {
    used += estimate(turns[first - 1].body);
    first -= 1;
  }
  if (first < turns.length) return turns.slice(first);
  const last = turns[turns.length - 1];
  return [{ ...last, body: tailThatFits(last.body, available, estimate) }];
}

/** The longest end of `text` whose estimate fits (binary search: estimates grow with length). */
function tailThatFits(text: string, available: number, estimate: (text: string) => number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const length = Math.ceil((low + high) / 2);
    if (estimate(text.slice(text.length - length)) <= available) low = length;
    else high = length - 1;
  }
  return low === 0 ? '' : text.slice(text.length - low);
}
