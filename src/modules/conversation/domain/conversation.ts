import type { ConversationState } from './conversation-state';

export interface Conversation {
  id: string;
  tenantId: string;
  contactId: string;
  whatsappNumberId: string;
  state: ConversationState;
  assignedTo: string | null;
  handoffReason: string | null;
  lastMessageAt: Date;
  createdAt: Date;
  closedAt: Date | null;
}
