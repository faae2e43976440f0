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
  /** Marks the inbound handled without a reply; false if it already was. */
  abstract markProcessed(tenantId: string, messageId: string): Promise<boolean>;
  abstract findUnsentReplies(tenantId: string, inboundId: string): Promise<Message[]>;
  abstract recordDelivery(tenantId: string, messageId: string, delivery: OutboundDelivery): Promise<void>;
}
