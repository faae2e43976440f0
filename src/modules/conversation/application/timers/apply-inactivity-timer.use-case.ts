import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import type { ConversationSettings } from '../../domain/conversation-settings';
import { ConversationStateMachine } from '../../domain/conversation-state-machine';
import { dueInactivityAction, INACTIVITY_CLOSE_REASON, InactivityAction } from '../../domain/inactivity';
import type { Message } from '../../domain/message';
import { inactivityFollowUpText } from '../../domain/timer-messages';
import { ConversationChanges } from '../conversation-changes';
import { ConversationMessenger } from '../conversation-messenger';
import { ConversationRepository } from '../ports/conversation.repository.port';
import { ConversationTimerStore } from '../ports/conversation-timer-store.port';

type Outcome = { action: 'nothing' } | { action: 'follow_up'; message: Message } | { action: 'close' };

export interface InactivityCheck {
  tenantId: string;
  conversationId: string;
  settings: ConversationSettings;
  now: Date;
  correlationId: string;
}

/**
 * Follows up or closes one idle conversation, deciding on its locked, current row: a customer
 * message that arrived since the sweep looked keeps it open. What changed is made known after commit.
 */
@Injectable()
export class ApplyInactivityTimer {
  constructor(
    private readonly uow: TenantTransaction,
    private readonly store: ConversationTimerStore,
    private readonly conversations: ConversationRepository,
    private readonly changes: ConversationChanges,
    private readonly messenger: ConversationMessenger,
  ) {}

  async execute(check: InactivityCheck): Promise<InactivityAction> {
    const outcome = await this.uow.run(check.tenantId, () => this.decideAndStore(check));
    if (outcome.action === 'follow_up') await this.messenger.deliver(outcome.message, check.correlationId);
    // Consoles drop the chat; the AI summarizes it into the contact's long-term memory.
    if (outcome.action === 'close') await this.changes.announce(check.tenantId, check.conversationId, 'closed');
    return outcome.action;
  }

  private async decideAndStore({ tenantId, conversationId, settings, now, correlationId }: InactivityCheck): Promise<Outcome> {
    const conversation = await this.store.lockOpen(tenantId, conversationId);
    if (!conversation) return { action: 'nothing' };
    const action = dueInactivityAction(conversation, settings, now);
    if (action === 'close') {
      const transition = ConversationStateMachine.transition(conversation.state, 'CLOSED', { type: 'system' }, INACTIVITY_CLOSE_REASON);
      return (await this.conversations.applyTransition(tenantId, conversationId, transition)) ? { action } : { action: 'nothing' };
    }
    if (action === 'follow_up' && (await this.store.markFollowedUp(tenantId, conversationId))) {
      const body = inactivityFollowUpText(settings, conversation.customerText);
      return { action, message: await this.store.storeSystemMessage({ tenantId, conversationId, body, correlationId }) };
    }
    return { action: 'nothing' };
  }
}
