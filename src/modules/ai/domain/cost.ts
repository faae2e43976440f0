import { lookupByModel } from './model-table';

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** List prices; an estimate for the audit and the tenant's usage, not an invoice. */
const PRICES: Record<string, ModelPrice> = {
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  'atende-local-v1': { inputPerMTok: 0, outputPerMTok: 0 },
  'text-embedding-3-small': { inputPerMTok: 0.02, outputPerMTok: 0 },
  'text-embedding-3-large': { inputPerMTok: 0.13, outputPerMTok: 0 },
};

/** The table's price (dated variants included); for a model it does not know, the override or zero. */
export function priceOf(model: string, override?: Partial<ModelPrice>): ModelPrice {
  const known = lookupByModel(PRICES, model);
  if (known) return { ...known };
  return { inputPerMTok: override?.inputPerMTok ?? 0, outputPerMTok: override?.outputPerMTok ?? 0 };
}

export function estimateCostUsd(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  const usd = (promptTokens * price.inputPerMTok + completionTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
