import { Injectable } from '@nestjs/common';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ConversationSummarizer } from '../../application/ports/conversation-summarizer.port';
import { LlmCallGuard } from '../../application/llm-call-guard';
import { LlmUnavailableError } from '../../application/llm-unavailable.error';
import type { MemoryTurn } from '../../domain/memory/memory';
import { ExtractiveConversationSummarizer } from '../memory/extractive-conversation-summarizer';
import { ChatModels } from './chat-models';
import { invokeWithFallback } from './guarded-invoke';

const SUMMARY_MAX_CHARS = 1500;

/**
 * A closed conversation summarized by the configured model (through the breaker and retries); the
 * offline provider, or a provider that stays down, gets the extractive summary instead.
 */
@Injectable()
export class LlmConversationSummarizer extends ConversationSummarizer {
  private readonly extractive = new ExtractiveConversationSummarizer();

  constructor(
    private readonly models: ChatModels,
    private readonly guard: LlmCallGuard,
  ) {
    super();
  }

  async summarize(turns: MemoryTurn[], languageHint?: string): Promise<string> {
    if (this.models.provider === 'local' || turns.length === 0) return this.extractive.summarize(turns);
    const transcript = turns.map((t) => `${t.at.slice(0, 16)} ${t.author}: ${t.body}`).join('\n');
    try {
      const answer = await invokeWithFallback(this.guard, this.models.primary({ tenantName: '', contactName: null }), this.models.fallback(), (m) =>
        m.model.invoke([
          new SystemMessage(
            'Summarize this finished WhatsApp conversation between a business and its customer for the business\'s records, in 2 to 4 sentences: ' +
              'what the customer wanted, lasting facts they told about themselves, and how it ended. Write in the customer\'s language. ' +
              'Keep placeholders like [EMAIL_1] as they are.',
          ),
          new HumanMessage(transcript),
        ]),
      );
      const text = typeof answer.content === 'string' ? answer.content.trim() : '';
      return text ? text.slice(0, SUMMARY_MAX_CHARS) : this.extractive.summarize(turns);
    } catch (error) {
      if (error instanceof LlmUnavailableError) return this.extractive.summarize(turns);
      throw error;
    }
  }
}
