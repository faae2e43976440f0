import { LlmCallGuard } from '../../application/llm-call-guard';
import { LlmUnavailableError } from '../../application/llm-unavailable.error';
import type { GuardedModel } from './chat-models';

/**
 * Calls the primary model through its breaker and retry policy; when that stays unavailable and a
 * fallback model is configured, the same call goes to the fallback (its own breaker).
 */
export async function invokeWithFallback<T>(guard: LlmCallGuard, primary: GuardedModel, fallback: GuardedModel | null, call: (model: GuardedModel) => Promise<T>): Promise<T> {
  try {
    return await guard.run(primary.key, () => call(primary));
  } catch (error) {
    if (!(error instanceof LlmUnavailableError) || !fallback) throw error;
    return guard.run(fallback.key, () => call(fallback));
  }
}
