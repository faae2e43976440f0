import type { ConversationState } from '../../domain/conversation-state';
import type { Message, MessageAuthor, MessageStatus } from '../../domain/message';

export interface NewInboundMessage {
  tenantId: string;
  whatsappNumberId: string;
  providerSid: string;
  body: string;
  fromAddress: string;
  toAddress: string;
  correlationId: string;
  rawPayload: Record<string, unknown>;
}

export interface AiReplyToStore {
  tenantId: string;
  conversationId: string;
  inbound: Message;
  author: Extract<MessageAuthor, 'ai' | 'system'>;
  body: string;
  correlationId: string;
  /**
   * Store it only while the AI still owns the conversation (ACTIVE or WAITING_USER): a person who
   * took over meanwhile answers instead. The inbound is marked handled either way.
   */
  onlyWhileAiOwned?: boolean;
}

/** A message to the customer that answers no particular inbound: an agent's reply or a system notice. */
export interface NewOutboundMessage {
  tenantId: string;
  conversationId: string;
  author: Extract<MessageAuthor, 'agent' | 'system'>;
  body: string;
  /** The staff member who wrote it (agent replies). */
  sentBy: string | null;
  correlationId: string;
  /** Stored only if the conversation is still in this state (and, if given, assigned to this staff member). */
  onlyIf?: { state: ConversationState; assignedTo?: string };
}

export interface OutboundDelivery {
  status: MessageStatus;
  providerSid?: string;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export abstract class MessageRepository {
  /** Stores the delivery unless (provider, providerSid) exists; never throws on a duplicate. */
  abstract insertInboundOnce(message: NewInboundMessage): Promise<{ id: string; inserted: boolean; processed: boolean }>;
  abstract findById(tenantId: string, id: string): Promise<Message | null>;
  abstract attach(tenantId: string, messageId: string, conversationId: string, contactId: string): Promise<void>;
  abstract listForConversation(tenantId: string, conversationId: string, options: { limit: number; newestFirst?: boolean }): Promise<Message[]>;
  /** Marks the inbound answered and stores the reply in one transaction; null if another run already did. */
  abstract storeAiReply(reply: AiReplyToStore): Promise<Message | null>;
  /** Stores it as 'pending' (the send queue delivers it); null when `onlyIf` does not hold or the conversation is gone. */
  abstract storeOutbound(message: NewOutboundMessage): Promise<Message | null>;
  /** Marks the inbound handled without a reply; false if it already was. */
  abstract markProcessed(tenantId: string, messageId: string): Promise<boolean>;
  abstract findUnsentReplies(tenantId: string, inboundId: string): Promise<Message[]>;
  abstract recordDelivery(tenantId: string, messageId: string, delivery: OutboundDelivery): Promise<void>;
}
