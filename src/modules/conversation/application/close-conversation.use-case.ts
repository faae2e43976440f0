import { Injectable } from '@nestjs/common';
import { planClose, StaffActor } from '../domain/assignment';
import { ConversationChanges } from './conversation-changes';

/** Closes a conversation (its assignee, a tenant admin, or any agent for an unclaimed queue item); the AI summarizes it. */
@Injectable()
export class CloseConversation {
  constructor(private readonly changes: ConversationChanges) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string): Promise<void> {
    await this.changes.apply(tenantId, conversationId, (current) => planClose(current, staff));
    await this.changes.announce(tenantId, conversationId, 'closed');
  }
}
