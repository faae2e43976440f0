import { Injectable } from '@nestjs/common';
import { planClaim, StaffActor } from '../domain/assignment';
import { ConversationChanges } from './conversation-changes';

/** A staff member takes a conversation for themselves; of two at once, one wins and the other gets 409. */
@Injectable()
export class ClaimConversation {
  constructor(private readonly changes: ConversationChanges) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string): Promise<void> {
    const claimed = await this.changes.apply(tenantId, conversationId, (current) => planClaim(current, staff));
    if (claimed) await this.changes.announce(tenantId, conversationId, 'assigned');
  }
}
