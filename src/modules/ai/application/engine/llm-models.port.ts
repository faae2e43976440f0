import type { ModelPrice } from '../../domain/cost';

/** Which provider and models the engine runs on (from configuration). */
export abstract class LlmModels {
  abstract readonly provider: 'openai' | 'local';
  abstract readonly primaryModel: string;
  abstract readonly fallbackModel: string | null;
  abstract readonly priceOverride: Partial<ModelPrice> | undefined;
}
