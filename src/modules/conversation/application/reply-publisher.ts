import { Injectable } from '@nestjs/common';
import type { Message, MessageAuthor } from '../domain/message';
import { AiAudit, AiResponder } from './ports/ai-responder.port';
import { AiQuota } from './ports/ai-quota.port';
import { MessageRepository } from './ports/message.repository.port';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import { ConversationMessenger } from './conversation-messenger';

export interface ReplyToPublish {
  inbound: Message;
  conversationId: string;
  author: Extract<MessageAuthor, 'ai' | 'system'>;
  text: string;
  /** The AI run behind the reply, if any: audited, and its tokens and cost added to the month's usage. */
  audit: AiAudit | null;
  correlationId: string;
  /** An answer of the AI's own: discarded if a person took the conversation over meanwhile. */
  onlyWhileAiOwned?: boolean;
  /** A notice the customer gets once per conversation: not stored (and the inbound just marked handled) if already said. */
  onlyOnceInConversation?: boolean;
  /** The burst's earlier unanswered messages, answered by this same reply (marked handled with the inbound). */
  earlier?: Message[];
}

/**
 * Stores the one answer to an inbound message and sends it: the reply, the inbound's "answered"
 * mark and the tokens and cost used in one transaction, then the audit row, the consoles and the
 * send queue.
 */
@Injectable()
export class ReplyPublisher {
  constructor(
    private readonly messages: MessageRepository,
    private readonly uow: TenantTransaction,
    private readonly quota: AiQuota,
    private readonly ai: AiResponder,
    private readonly messenger: ConversationMessenger,
  ) {}

  /** False when another run already answered this inbound (nothing is sent then). */
  async publish(reply: ReplyToPublish): Promise<boolean> {
    const tenantId = reply.inbound.tenantId;
    const stored = await this.uow.run(tenantId, async () => {
      const message = await this.messages.storeAiReply({
        tenantId,
        conversationId: reply.conversationId,
        inbound: reply.inbound,
        author: reply.author,
        body: reply.text,
        correlationId: reply.correlationId,
        onlyWhileAiOwned: reply.onlyWhileAiOwned,
        onlyOnceInConversation: reply.onlyOnceInConversation,
        ...(reply.earlier?.length ? { alsoAnswers: reply.earlier.map((m) => m.id) } : {}),
      });
      if (message && reply.audit && reply.audit.outcome !== 'failed') {
        const { promptTokens, completionTokens, costUsd } = reply.audit;
        await this.quota.recordTokens(tenantId, { prompt: promptTokens, completion: completionTokens, costUsd: costUsd ?? 0 });
      }
      return message;
    });
    if (!stored) return false;
    if (reply.audit) {
      const refs = { tenantId, conversationId: reply.conversationId, inboundMessageId: reply.inbound.id, replyMessageId: stored.id };
      await this.ai.recordAudit(refs, reply.audit);
    }
    await this.messenger.deliver(stored, reply.correlationId);
    return true;
  }

  /** The inbound (and the burst's earlier messages) need no answer (handled elsewhere); false if the inbound already was. */
  async markHandled(inbound: Message, earlier: Message[] = []): Promise<boolean> {
    for (const message of earlier) await this.messages.markProcessed(message.tenantId, message.id);
    return this.messages.markProcessed(inbound.tenantId, inbound.id);
  }

  /** A retried job after the reply was stored: make sure the reply reached the send queue. */
  async redispatchUnsent(inbound: Message, correlationId: string): Promise<void> {
    for (const reply of await this.messages.findUnsentReplies(inbound.tenantId, inbound.id)) {
      await this.messenger.redispatch(inbound.tenantId, reply.id, correlationId);
    }
  }
}
