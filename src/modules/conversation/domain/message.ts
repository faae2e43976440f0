export type MessageDirection = 'inbound' | 'outbound';
export type MessageAuthor = 'contact' | 'ai' | 'agent' | 'system';

/**
 * received: an inbound message stored by the webhook.
 * pending: an outbound message stored, not yet accepted by Twilio.
 * Twilio's own statuses follow once it accepted the message.
 */
export type MessageStatus =
  | 'received'
  | 'pending'
  | 'accepted'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'undelivered';

export interface Message {
  id: string;
  tenantId: string;
  whatsappNumberId: string;
  conversationId: string | null;
  contactId: string | null;
  direction: MessageDirection;
  author: MessageAuthor;
  body: string;
  fromAddress: string;
  toAddress: string;
  providerSid: string | null;
  status: MessageStatus;
  errorCode: string | null;
  inReplyTo: string | null;
  correlationId: string | null;
  processedAt: Date | null;
  rawPayload: Record<string, unknown> | null;
  createdAt: Date;
}
