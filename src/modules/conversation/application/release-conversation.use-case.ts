import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import { planRelease, StaffActor } from '../domain/assignment';
import { ConversationChanges } from './conversation-changes';
import { ConversationNotifier } from './conversation-notifier';
import { ConversationNotes } from './ports/conversation-notes.port';

/**
 * Gives a conversation back to the AI (ACTIVE, unassigned). The optional note is stored with the
 * release, in the same transaction, as kind 'release': the AI reads it as context from then on.
 */
@Injectable()
export class ReleaseConversation {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly notes: ConversationNotes,
    private readonly notifier: ConversationNotifier,
    private readonly uow: TenantTransaction,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, note?: string): Promise<void> {
    const stored = await this.uow.run(tenantId, async () => {
      await this.changes.apply(tenantId, conversationId, (current) => planRelease(current, staff));
      return note ? this.notes.add({ tenantId, conversationId, authorId: staff.id, kind: 'release', body: note }) : null;
    });
    if (stored) await this.notifier.noteAdded(stored);
    await this.changes.announce(tenantId, conversationId, 'released');
  }
}
