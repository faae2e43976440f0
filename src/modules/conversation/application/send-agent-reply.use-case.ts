import { Injectable } from '@nestjs/common';
import { RequestContextStore } from '@core/logging/request-context';
import { planClaim, replyDecision, StaffActor } from '../domain/assignment';
import { ConversationChangedError } from '../domain/conversation.errors';
import { ConversationChanges } from './conversation-changes';
import { ConversationMessenger } from './conversation-messenger';
import type { MessageRecord } from './ports/conversation-reader.port';

/**
 * A staff member answers the customer: stored as an outbound message by 'agent' (who sent it is
 * kept), delivered through the send queue. Only the assignee or a tenant admin, only while a person
 * has the conversation; a tenant admin answering a queued conversation takes it over first.
 */
@Injectable()
export class SendAgentReply {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly messenger: ConversationMessenger,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, body: string): Promise<MessageRecord> {
    if (replyDecision(await this.changes.load(tenantId, conversationId), staff) === 'claim_first') {
      const claimed = await this.changes.apply(tenantId, conversationId, (current) => planClaim(current, staff));
      if (claimed) await this.changes.announce(tenantId, conversationId, 'assigned');
    }
    const sent = await this.messenger.send({
      tenantId,
      conversationId,
      author: 'agent',
      body,
      sentBy: staff.id,
      correlationId: RequestContextStore.correlationId(),
      // Checked again as the row is written: a release or transfer meanwhile wins.
      onlyIf: { state: 'HUMAN_ACTIVE', assignedTo: staff.role === 'agent' ? staff.id : undefined },
    });
    if (sent) return sent;
    replyDecision(await this.changes.load(tenantId, conversationId), staff);
    throw new ConversationChangedError();
  }
}
