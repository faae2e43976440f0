import { Injectable } from '@nestjs/common';
import type { StaffActor } from '../domain/assignment';
import type { ConversationNote } from '../domain/conversation-note';
import { ConversationChanges } from './conversation-changes';
import { ConversationNotifier } from './conversation-notifier';
import { ConversationNotes } from './ports/conversation-notes.port';

/** An internal note of the team on a conversation: shown to staff, never sent to the customer. */
@Injectable()
export class AddNote {
  constructor(
    private readonly changes: ConversationChanges,
    private readonly notes: ConversationNotes,
    private readonly notifier: ConversationNotifier,
  ) {}

  async execute(tenantId: string, staff: StaffActor, conversationId: string, body: string): Promise<ConversationNote> {
    await this.changes.load(tenantId, conversationId);
    const note = await this.notes.add({ tenantId, conversationId, authorId: staff.id, kind: 'note', body });
    await this.notifier.noteAdded(note);
    return note;
  }
}
