import type { Message, MessageStatus } from '../../domain/message';

export interface DeliveryUpdate {
  status: MessageStatus;
  providerSid?: string;
  /** Undefined leaves the stored error as it is. */
  errorCode?: string | null;
  errorMessage?: string | null;
  /** When Twilio reported the status: fills its timestamp (sent, delivered, read) the first time. */
  at?: Date;
}

/** A send about to be handed to the provider, recorded before the call. */
export interface SendAttempt {
  /** The attempt the caller found in flight (and resolved as absent), or null: another worker's newer attempt wins. */
  previous: Date | null;
  at: Date;
  /** Not looked up at the provider before this (the call may still be in flight until then). */
  lookupAfter: Date;
  contentSid: string | null;
}

export interface AppliedDelivery {
  /** False when the status would have moved backwards (or repeated): nothing but a timestamp was kept. */
  changed: boolean;
  /** Set for a part of a long message: the parent's status then follows its parts. */
  parentMessageId: string | null;
}

export interface LocatedMessage {
  tenantId: string;
  messageId: string;
  whatsappNumberId: string;
}

/** The delivery side of outbound messages: statuses that only move forward, and the parts of long messages. */
export abstract class DeliveryStore {
  /** Null when the tenant has no such outbound message. */
  abstract apply(tenantId: string, messageId: string, update: DeliveryUpdate): Promise<AppliedDelivery | null>;
  abstract findBySid(tenantId: string, providerSid: string): Promise<Message | null>;
  /** Platform-wide: traces a status callback whose sender is not a registered number by the message's sid. */
  abstract locateBySid(providerSid: string): Promise<LocatedMessage | null>;
  /** The parts of a long message ordered 1..n, stored (pending) on the first call with these bodies. */
  abstract partsOf(tenantId: string, parentId: string, bodies: string[]): Promise<Message[]>;
  /** Records an attempt on a pending message without a provider sid and still at `previous`; false otherwise. */
  abstract beginAttempt(tenantId: string, messageId: string, attempt: SendAttempt): Promise<boolean>;
  /** The provider answered the attempt without accepting it (null), or answered too late to know (a later lookup time). */
  abstract settleAttempt(tenantId: string, messageId: string, lookupAfter: Date | null): Promise<void>;
  /** Sets a split message's status and delivery times from its parts; whether anything changed. */
  abstract refreshParent(tenantId: string, parentId: string): Promise<boolean>;
}
