import { Injectable, Logger } from '@nestjs/common';
import type { Conversation } from '../domain/conversation';
import { ConversationStateMachine, TransitionActor } from '../domain/conversation-state-machine';
import { DEFAULT_HANDOFF_ACKNOWLEDGEMENT, HANDOFF_REASONS } from '../domain/handoff';
import type { Message } from '../domain/message';
import { HandoffQueue } from './handoff-queue';
import type { AiAudit } from './ports/ai-responder.port';
import { AiQuota } from './ports/ai-quota.port';
import { ConversationSettingsRepository } from './ports/conversation-settings.repository.port';
import { ConversationRepository } from './ports/conversation.repository.port';
import { ReplyPublisher } from './reply-publisher';

export interface HandoffContext {
  conversation: Conversation;
  inbound: Message;
  correlationId: string;
  /** The burst's earlier unanswered messages, handled together with `inbound`. */
  earlier?: Message[];
}

/** Moves a conversation to a human; the customer is told once, and the AI is silent from then on. */
@Injectable()
export class HandOffConversation {
  private readonly logger = new Logger(HandOffConversation.name);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly quota: AiQuota,
    private readonly publisher: ReplyPublisher,
    private readonly settings: ConversationSettingsRepository,
    private readonly queue: HandoffQueue,
  ) {}

  /**
   * Reserves this run's AI reply; over the plan's monthly limit a human takes over instead, with
   * the reason recorded. A retried job reserved on its first attempt and does not reserve again.
   */
  async ifPlanExhausted(context: HandoffContext, isFirstAttempt: boolean): Promise<boolean> {
    if (!isFirstAttempt || (await this.quota.reserveReply(context.inbound.tenantId))) return false;
    await this.toHuman(context, HANDOFF_REASONS.planLimitReached, { type: 'system' });
    return true;
  }

  /**
   * `acknowledgement`: the engine's own words to the customer (and its audit). The tenant's own
   * acknowledgement text, when it set one, is sent instead; else the engine's, else the default.
   */
  async toHuman(context: HandoffContext, reason: string, actor: TransitionActor, acknowledgement?: { text: string; audit: AiAudit; author?: 'ai' | 'system' }): Promise<void> {
    const { conversation, inbound } = context;
    const tenantId = inbound.tenantId;
    const transition = ConversationStateMachine.transition(conversation.state, 'HANDOFF_PENDING', actor, reason);
    const moved = await this.conversations.applyTransition(tenantId, conversation.id, transition);
    this.logger.log({ conversationId: conversation.id, reason, moved }, 'conversation handed to a human');
    if (!moved) {
      await this.publisher.markHandled(inbound, context.earlier);
      return;
    }
    const tenantText = (await this.settings.find(tenantId))?.handoffAcknowledgement ?? null;
    await this.publisher.publish({
      inbound,
      conversationId: conversation.id,
      author: tenantText ? 'system' : (acknowledgement?.author ?? (acknowledgement ? 'ai' : 'system')),
      text: tenantText ?? acknowledgement?.text ?? DEFAULT_HANDOFF_ACKNOWLEDGEMENT,
      audit: acknowledgement?.audit ?? null,
      correlationId: context.correlationId,
      earlier: context.earlier,
    });
    await this.queue.entered(tenantId, conversation.id);
  }

  /** The acknowledgement a customer gets when a staff member queues their conversation. */
  async acknowledgementFor(tenantId: string): Promise<string> {
    return (await this.settings.find(tenantId))?.handoffAcknowledgement ?? DEFAULT_HANDOFF_ACKNOWLEDGEMENT;
  }
}
