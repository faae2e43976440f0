import { Injectable } from '@nestjs/common';
import { planTransfer, StaffActor } from '../domain/assignment';
import { AssigneeUnavailableError } from '../domain/conversation.errors';
import { ConversationChanges } from './conversation-changes';
import { StaffRoster } from './ports/staff-roster.port';

/** Hands a conversation to another active staff member of the tenant (its assignee or a tenant admin). */
@Injectable()
export class TransferConversation {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly roster: StaffRoster,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, targetStaffId: string): Promise<void> {
    await this.changes.load(tenantId, conversationId);
    if (!(await this.roster.activeAmong(tenantId, [targetStaffId])).includes(targetStaffId)) throw new AssigneeUnavailableError();
    const moved = await this.changes.apply(tenantId, conversationId, (current) => planTransfer(current, staff, targetStaffId));
    if (moved) await this.changes.announce(tenantId, conversationId, 'assigned');
  }
}
