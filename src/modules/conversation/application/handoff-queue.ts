import { Injectable, Logger } from '@nestjs/common';
import { AutoAssignment } from './auto-assignment';
import { ConversationChanges } from './conversation-changes';
import { ScheduleUnclaimedNotice } from './timers/schedule-unclaimed-notice';

/**
 * What follows a conversation's arrival in HANDOFF_PENDING, whoever asked for a person: the
 * consoles see it, the tenant's unclaimed notice is armed, and it may be assigned automatically.
 */
@Injectable()
export class HandoffQueue {
  private readonly logger = new Logger(HandoffQueue.name);

  constructor(
    private readonly changes: ConversationChanges,
    private readonly unclaimedNotice: ScheduleUnclaimedNotice,
    private readonly autoAssignment: AutoAssignment,
  ) {}

  async entered(tenantId: string, conversationId: string): Promise<void> {
    await this.changes.announce(tenantId, conversationId, 'handoff');
    try {
      const conversation = await this.changes.load(tenantId, conversationId);
      if (conversation.state === 'HANDOFF_PENDING' && conversation.handoffAt) await this.unclaimedNotice.schedule(tenantId, conversationId, conversation.handoffAt);
      await this.autoAssignment.assign(tenantId, conversationId);
    } catch (error) {
      // The handoff stands; the conversation waits in the queue for anyone to claim it.
      this.logger.warn({ conversationId, err: error }, 'after the handoff: notice or automatic assignment failed');
    }
  }
}
