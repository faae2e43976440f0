import { Injectable } from '@nestjs/common';
import { RequestContextStore } from '@core/logging/request-context';
import { planClaim, replyDecision, StaffActor } from '../domain/assignment';
import { ConversationChangedError } from '../domain/conversation.errors';
import { ConversationChanges } from './conversation-changes';
import { ConversationMessenger } from './conversation-messenger';
import type { MessageRecord } from './ports/conversation-reader.port';
import { OutboundPolicy, RequestedTemplate } from './ports/outbound-policy.port';

/** What the agent wrote, or the template they picked (with its variables), or both. */
export interface AgentReply {
  body: string | null;
  template?: RequestedTemplate | null;
}

/**
 * A staff member answers the customer: stored as an outbound message by 'agent' (who sent it is
 * kept), delivered through the send queue. Only the assignee or a tenant admin, only while a person
 * has the conversation; a tenant admin answering a queued conversation takes it over first. The
 * channel's rules come first: outside WhatsApp's 24-hour window the reply goes out as a template,
 * or is refused before anything is stored or claimed.
 */
@Injectable()
export class SendAgentReply {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly messenger: ConversationMessenger,
    private readonly policy: OutboundPolicy,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, reply: AgentReply): Promise<MessageRecord> {
    const decision = replyDecision(await this.changes.load(tenantId, conversationId), staff);
    const plan = await this.policy.planAgentReply({ tenantId, conversationId, body: reply.body, template: reply.template ?? null });
    if (decision === 'claim_first') {
      const claimed = await this.changes.apply(tenantId, conversationId, (current) => planClaim(current, staff));
      if (claimed) await this.changes.announce(tenantId, conversationId, 'assigned');
    }
    const sent = await this.messenger.send({
      tenantId,
      conversationId,
      author: 'agent',
      body: plan.body,
      sentBy: staff.id,
      correlationId: RequestContextStore.correlationId(),
      // Checked again as the row is written: a release or transfer meanwhile wins.
      onlyIf: { state: 'HUMAN_ACTIVE', assignedTo: staff.role === 'agent' ? staff.id : undefined },
      ...(plan.template ? { templateId: plan.template.templateId, contentVariables: plan.template.contentVariables } : {}),
    });
    if (sent) return sent;
    replyDecision(await this.changes.load(tenantId, conversationId), staff);
    throw new ConversationChangedError();
  }
}
