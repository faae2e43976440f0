/** The sizes of the messages columns that take text from outside (from_address, to_address varchar(64); error_code varchar(20)). */
export const MESSAGE_COLUMNS = { address: 64, errorCode: 20 } as const;

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

/** What an inbound message is beyond its text (stored as messages.kind). */
export type MessageKind = 'text' | 'audio' | 'image' | 'video' | 'document' | 'location' | 'button' | 'sticker' | 'contact' | 'other';

/** One attachment as Twilio announced it; size is known once the media was downloaded. */
export interface MessageMedia {
  url: string;
  contentType: string;
  size: number | null;
}

export interface MessageLocation {
  latitude: number;
  longitude: number;
  address: string | null;
  label: string | null;
}

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
  /** Inbound content; optional so that plain text messages built in code need not spell them out. */
  kind?: MessageKind;
  media?: MessageMedia[];
  /** A voice note's transcript (the body then holds it too). */
  transcript?: string | null;
  location?: MessageLocation | null;
  buttonPayload?: string | null;
  /** Stored over the contact's inbound limit: never sent to the AI. */
  throttled?: boolean;
  /** Outbound delivery times from Twilio's status callbacks. */
  sentAt?: Date | null;
  deliveredAt?: Date | null;
  readAt?: Date | null;
  /** A part of a long outbound message (part 1..n); the parent keeps the whole body and no sid. */
  parentMessageId?: string | null;
  partIndex?: number;
  /** An outbound send whose outcome is not known yet: started at, and not to be looked up at the provider before. */
  sendAttemptedAt?: Date | null;
  sendLookupAfter?: Date | null;
  /** The ContentSid of that attempt when it went as a template (null: free-form). */
  sendAttemptContentSid?: string | null;
  /** How many times it was handed to the provider. */
  sendAttempts?: number;
}
