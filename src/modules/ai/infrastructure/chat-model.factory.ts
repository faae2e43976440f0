import { Injectable } from '@nestjs/common';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { AppConfig } from '@core/config/app-config';
import { LOCAL_MODEL_NAME, LocalChatModel, LocalModelContext } from './local-chat-model';

const LLM_TIMEOUT_MS = 30_000;

/** Picks the provider from config: OpenAI-compatible when OPENAI_API_KEY is set, local otherwise. */
@Injectable()
export class ChatModelFactory {
  private readonly openai?: ChatOpenAI;

  constructor(private readonly config: AppConfig) {
    if (config.llmProvider === 'openai') {
      this.openai = new ChatOpenAI({
        model: config.OPENAI_MODEL,
        apiKey: config.OPENAI_API_KEY,
        configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
        timeout: LLM_TIMEOUT_MS,
        // Retries belong to the job queue (backoff, attempts), not to a blocking loop here.
        maxRetries: 0,
        temperature: 0.3,
      });
    }
  }

  get provider(): 'openai' | 'local' {
    return this.config.llmProvider;
  }

  get modelName(): string {
    return this.openai ? this.config.OPENAI_MODEL : LOCAL_MODEL_NAME;
  }

  /** The OpenAI model gets the knowledge in its prompt; the local one reads it from the context. */
  forConversation(context: LocalModelContext): BaseChatModel {
    return this.openai ?? new LocalChatModel(context);
  }
}
