import type { ConversationNote, NoteKind } from '../../domain/conversation-note';

export interface NewConversationNote {
  tenantId: string;
  conversationId: string;
  authorId: string;
  kind: NoteKind;
  body: string;
}

export abstract class ConversationNotes {
  abstract add(note: NewConversationNote): Promise<ConversationNote>;
  /** Oldest first. */
  abstract list(tenantId: string, conversationId: string): Promise<ConversationNote[]>;
}
