import { Injectable } from '@nestjs/common';
import { RequestContextStore } from '@core/logging/request-context';
import { planHandoffRequest, StaffActor } from '../domain/assignment';
import { aiMayAnswer } from '../domain/conversation-state';
import { HANDOFF_REASONS } from '../domain/handoff';
import { ConversationChanges } from './conversation-changes';
import { ConversationMessenger } from './conversation-messenger';
import { HandOffConversation } from './hand-off-conversation';
import { HandoffQueue } from './handoff-queue';

/**
 * A staff member puts a conversation in the queue (HANDOFF_PENDING): the AI stops answering. A
 * customer the AI was talking to gets the acknowledgement once; a person's conversation put back
 * in the queue does not tell them again.
 */
@Injectable()
export class RequestHandoff {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly handoff: HandOffConversation,
    private readonly messenger: ConversationMessenger,
    private readonly queue: HandoffQueue,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, reason?: string): Promise<void> {
    const planned = await this.changes.apply(tenantId, conversationId, (current) => planHandoffRequest(current, staff, reason ?? HANDOFF_REASONS.staffRequested));
    if (planned && aiMayAnswer(planned.transition.from)) {
      await this.messenger.send({
        tenantId,
        conversationId,
        author: 'system',
        body: await this.handoff.acknowledgementFor(tenantId),
        sentBy: null,
        correlationId: RequestContextStore.correlationId(),
        onlyIf: { state: 'HANDOFF_PENDING' },
      });
    }
    await this.queue.entered(tenantId, conversationId);
  }
}
