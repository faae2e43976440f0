import { Injectable } from '@nestjs/common';
import { ConversationNotFoundError } from '@modules/conversation/domain/conversation.errors';
import { ConversationHistory } from '../ports/conversation-history.port';
import { ConversationSummarizer } from '../ports/conversation-summarizer.port';
import { ContactMemories } from './contact-memories';

/** How much of a long conversation the summary reads: its newest messages. */
export const SUMMARY_MAX_TURNS = 200;

/**
 * Keeps a summary of a finished conversation as a memory of its contact. Running it again for the
 * same conversation adds nothing (one summary per conversation).
 */
@Injectable()
export class SummarizeConversation {
  constructor(
    private readonly history: ConversationHistory,
    private readonly summarizer: ConversationSummarizer,
    private readonly memories: ContactMemories,
  ) {}

  async execute(tenantId: string, conversationId: string): Promise<{ created: boolean }> {
    const contactId = await this.history.contactOf(tenantId, conversationId);
    if (!contactId) throw new ConversationNotFoundError();
    const turns = await this.history.recent(tenantId, conversationId, SUMMARY_MAX_TURNS);
    const summary = (await this.summarizer.summarize(turns)).trim();
    if (summary === '') return { created: false };
    const { created } = await this.memories.remember({ tenantId, contactId, conversationId, kind: 'summary', content: summary });
    return { created };
  }
}
