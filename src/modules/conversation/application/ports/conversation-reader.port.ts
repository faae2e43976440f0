import type { Page } from '@core/http/pagination.dto';
import type { Conversation } from '../../domain/conversation';
import type { ConversationState } from '../../domain/conversation-state';
import type { Message } from '../../domain/message';

export interface ContactRef {
  id: string;
  phoneNumber: string;
  /** The name the tenant gave the contact, else its WhatsApp profile name. */
  name: string | null;
}

/** A staff member as others see them; `name` falls back to the e-mail when they have none. */
export interface StaffRef {
  id: string;
  name: string;
  email: string;
}

export interface ConversationRecord extends Conversation {
  contact: ContactRef;
  assignee: StaffRef | null;
}

export interface MessageRecord extends Message {
  /** The staff member who wrote an agent reply. */
  sender: { id: string; name: string } | null;
  /** The parts a long outbound message was sent as, in order. */
  parts?: Message[];
}

export interface ConversationEvent {
  id: string;
  conversationId: string;
  kind: 'transition' | 'assignment';
  from: ConversationState;
  to: ConversationState;
  actor: { type: string; id: string | null };
  assigneeId: string | null;
  reason: string | null;
  createdAt: Date;
}

export interface ConversationListFilter {
  state?: ConversationState;
  /** A staff id, or null for unassigned conversations; absent: anyone's. */
  assignedTo?: string | null;
  limit: number;
  offset: number;
}

/** The read side for staff: conversations with their contact and assignee, messages with who sent them. */
export abstract class ConversationReader {
  abstract conversation(tenantId: string, id: string): Promise<ConversationRecord | null>;
  /** Newest activity first. */
  abstract list(tenantId: string, filter: ConversationListFilter): Promise<Page<ConversationRecord>>;
  /** HANDOFF_PENDING conversations, the longest waiting first. */
  abstract queue(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ConversationRecord>>;
  /** Oldest first. */
  abstract messages(tenantId: string, conversationId: string, limit: number): Promise<MessageRecord[]>;
  abstract message(tenantId: string, messageId: string): Promise<MessageRecord | null>;
  /** Transitions and assignments, oldest first. */
  abstract events(tenantId: string, conversationId: string): Promise<ConversationEvent[]>;
}
