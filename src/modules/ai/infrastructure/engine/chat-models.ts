import { Injectable } from '@nestjs/common';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { AppConfig } from '@core/config/app-config';
import type { ModelPrice } from '../../domain/cost';
import { LlmModels } from '../../application/engine/llm-models.port';
import { LOCAL_MODEL_NAME, LocalChatModel, LocalModelContext } from '../local-chat-model';

/** A model with the breaker key its calls are counted under. */
export interface GuardedModel {
  key: string;
  name: string;
  model: BaseChatModel;
}

/**
 * The provider from configuration: any OpenAI-compatible endpoint when OPENAI_API_KEY is set (with an
 * optional fallback model), the offline local model otherwise. Retries belong to LlmCallGuard (backoff,
 * jitter, circuit breaker), so the SDK's own retries are off; each call has a timeout.
 */
@Injectable()
export class ChatModels extends LlmModels {
  readonly provider: 'openai' | 'local';
  readonly primaryModel: string;
  readonly fallbackModel: string | null;
  readonly priceOverride: Partial<ModelPrice> | undefined;
  private readonly openai: GuardedModel | null;
  private readonly openaiFallback: GuardedModel | null;

  constructor(private readonly config: AppConfig) {
    super();
    this.provider = config.llmProvider;
    this.primaryModel = this.provider === 'openai' ? config.OPENAI_MODEL : LOCAL_MODEL_NAME;
    this.fallbackModel = this.provider === 'openai' && config.OPENAI_FALLBACK_MODEL ? config.OPENAI_FALLBACK_MODEL : null;
    this.priceOverride = priceOverride(config);
    this.openai = this.provider === 'openai' ? this.openAiModel(config.OPENAI_MODEL) : null;
    this.openaiFallback = this.fallbackModel ? this.openAiModel(this.fallbackModel) : null;
  }

  /** The offline model reads the run's context (tenant, contact, specialists to route by). */
  primary(context: LocalModelContext): GuardedModel {
    return this.openai ?? { key: `local:${LOCAL_MODEL_NAME}`, name: LOCAL_MODEL_NAME, model: new LocalChatModel(context) };
  }

  fallback(): GuardedModel | null {
    return this.openaiFallback;
  }

  private openAiModel(model: string): GuardedModel {
    return {
      key: `openai:${model}`,
      name: model,
      model: new ChatOpenAI({
        model,
        apiKey: this.config.OPENAI_API_KEY,
        configuration: this.config.OPENAI_BASE_URL ? { baseURL: this.config.OPENAI_BASE_URL } : undefined,
        timeout: this.config.AI_LLM_TIMEOUT_MS,
        maxRetries: 0,
        temperature: 0.2,
      }),
    };
  }
}

function priceOverride(config: AppConfig): Partial<ModelPrice> | undefined {
  const override: Partial<ModelPrice> = {};
  if (config.AI_PRICE_INPUT_PER_MTOK !== undefined) override.inputPerMTok = config.AI_PRICE_INPUT_PER_MTOK;
  if (config.AI_PRICE_OUTPUT_PER_MTOK !== undefined) override.outputPerMTok = config.AI_PRICE_OUTPUT_PER_MTOK;
  return Object.keys(override).length > 0 ? override : undefined;
}
