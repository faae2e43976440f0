import type { ConversationState } from '../../domain/conversation-state';
import type { Message, MessageAuthor, MessageKind, MessageLocation, MessageMedia } from '../../domain/message';

export interface NewInboundMessage {
  tenantId: string;
  whatsappNumberId: string;
  providerSid: string;
  body: string;
  fromAddress: string;
  toAddress: string;
  correlationId: string;
  rawPayload: Record<string, unknown>;
  /** What the channel read from the delivery; absent: a plain text message. */
  content?: InboundMessageContent;
}

/** The normalised content of an inbound delivery; `body` above is what the AI and agents read. */
export interface InboundMessageContent {
  kind: MessageKind;
  media: MessageMedia[];
  location: MessageLocation | null;
  buttonPayload: string | null;
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
  /**
   * Store it only if the conversation has no earlier outbound message from this author with this
   * same body (a notice the customer gets once per conversation). The inbound is marked handled either way.
   */
  onlyOnceInConversation?: boolean;
  /**
   * The other unanswered messages of a burst this reply answers too: claimed with the inbound, all
   * or none (null when any of them was answered meanwhile).
   */
  alsoAnswers?: string[];
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
  /** Sent as this approved template with these variables (outside WhatsApp's 24-hour window). */
  templateId?: string | null;
  contentVariables?: Record<string, string> | null;
}

/** What a send or a status callback records: see DeliveryStore. */
export type { DeliveryUpdate as OutboundDelivery } from './delivery-store.port';

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
  /**
   * A contact's inbound messages to one number that no run answered yet, oldest first; a voice note
   * still waiting for its transcript is not among them (it is answered once transcribed).
   */
  abstract findUnanswered(tenantId: string, from: { whatsappNumberId: string; fromAddress: string }): Promise<Message[]>;
  /** Marks the inbound handled as throttled (over the contact's inbound limit): never answered. */
  abstract markThrottled(tenantId: string, messageId: string): Promise<void>;
  /** A voice note understood: the transcript becomes the body the AI reads; media sizes learnt on download. */
  abstract saveTranscript(tenantId: string, messageId: string, transcript: string, media: MessageMedia[]): Promise<void>;
}
