import type { AIMessage } from '@langchain/core/messages';
import type { LlmUsage } from '../../application/engine/engine.ports';

/** Tokens of one model answer as reported by the provider (usage_metadata); 0 when it reports none. */
export function usageOf(message: AIMessage | undefined, provider: string, model: string): LlmUsage {
  const usage = message?.usage_metadata;
  return { provider, model, promptTokens: usage?.input_tokens ?? 0, completionTokens: usage?.output_tokens ?? 0 };
}
