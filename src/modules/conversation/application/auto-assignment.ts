import { Injectable, Logger } from '@nestjs/common';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import { nextRoundRobin, planAutoAssign } from '../domain/assignment';
import { ConversationChanges } from './conversation-changes';
import { AgentPresence } from './ports/agent-presence.port';
import { AssignmentRotation } from './ports/assignment-rotation.port';
import { StaffRoster } from './ports/staff-roster.port';

/**
 * When the tenant assigns handoffs automatically: the next of its online agents and admins (round
 * robin, the pointer moved in the same transaction as the assignment) gets a queued conversation.
 */
@Injectable()
export class AutoAssignment {
  private readonly logger = new Logger(AutoAssignment.name);

  constructor(
    private readonly changes: ConversationChanges,
    private readonly presence: AgentPresence,
    private readonly roster: StaffRoster,
    private readonly rotation: AssignmentRotation,
    private readonly uow: TenantTransaction,
  ) {}

  /** The staff member it went to; null when the tenant does not assign automatically, nobody is online, or someone was faster. */
  async assign(tenantId: string, conversationId: string): Promise<string | null> {
    const online = await this.presence.onlineStaff(tenantId);
    if (online.length === 0) return null;
    const assignee = await this.uow.run(tenantId, async () => {
      const rotation = await this.rotation.lock(tenantId);
      if (!rotation.enabled) return null;
      const next = nextRoundRobin(await this.roster.activeAmong(tenantId, online), rotation.lastAssigned);
      if (!next || !(await this.changes.apply(tenantId, conversationId, (current) => planAutoAssign(current, next)))) return null;
      await this.rotation.advance(tenantId, next);
      return next;
    });
    if (assignee) {
      this.logger.log({ conversationId, assignee }, 'handoff assigned automatically');
      await this.changes.announce(tenantId, conversationId, 'assigned');
    }
    return assignee;
  }
}
