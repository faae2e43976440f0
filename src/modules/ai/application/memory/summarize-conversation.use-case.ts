import { Injectable } from '@nestjs/common';
import { ConversationNotFoundError } from '@modules/conversation/domain/conversation.errors';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { maskPii, PiiVault, restorePii } from '../../domain/privacy/pii-masking';
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
    private readonly flags: FeatureFlags,
  ) {}

  async execute(tenantId: string, conversationId: string): Promise<{ created: boolean }> {
    const contactId = await this.history.contactOf(tenantId, conversationId);
    if (!contactId) throw new ConversationNotFoundError();
    const turns = await this.history.recent(tenantId, conversationId, SUMMARY_MAX_TURNS);
    // The summary may be written by the LLM provider: personal data is masked on the way out when the tenant asks for it.
    const vault = (await this.flags.isEnabled(tenantId, 'pii_masking')) ? new PiiVault() : null;
    const sent = vault ? turns.map((turn) => ({ ...turn, body: maskPii(turn.body, vault) })) : turns;
    const written = await this.summarizer.summarize(sent);
    const summary = (vault ? restorePii(written, vault) : written).trim();
    if (summary === '') return { created: false };
    const { created } = await this.memories.remember({ tenantId, contactId, conversationId, kind: 'summary', content: summary });
    return { created };
  }
}
