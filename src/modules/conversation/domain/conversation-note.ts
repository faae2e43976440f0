/** 'release': written when giving the conversation back to the AI, which sees it as context. */
export type NoteKind = 'note' | 'release';

/** An internal note of the team about a conversation; never sent to the customer. */
export interface ConversationNote {
  id: string;
  tenantId: string;
  conversationId: string;
  kind: NoteKind;
  body: string;
  /** Null once the author's account is deleted. */
  author: { id: string; name: string } | null;
  createdAt: Date;
}
