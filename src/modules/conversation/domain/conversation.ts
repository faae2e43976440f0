import type { ConversationState } from './conversation-state';

export interface Conversation {
  id: string;
  tenantId: string;
  contactId: string;
  whatsappNumberId: string;
  state: ConversationState;
  assignedTo: string | null;
  handoffReason: string | null;
  /** When it last entered HANDOFF_PENDING (or was taken over directly); null while the AI owns it. */
  handoffAt: Date | null;
  lastMessageAt: Date;
  createdAt: Date;
  closedAt: Date | null;
}
