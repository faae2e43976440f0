import type { ProviderMessage } from '../../domain/send-attempt';

export interface OutboundSend {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  from: string;
  /** When set (MG…), Twilio picks the sender from this Messaging Service instead of `from`. */
  messagingServiceSid?: string | null;
  to: string;
  body: string;
  /** Sent as this approved template (ContentSid + ContentVariables) instead of the free-form body: outside WhatsApp's 24-hour window. */
  template?: { contentSid: string; contentVariables: Record<string, string> } | null;
  /** Where Twilio posts the message's delivery statuses. */
  statusCallback: string;
  /** The sender's pace: sends from one number (or Messaging Service) are spaced to this many a second. */
  sendRatePerSecond: number;
}

export class TwilioSendError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    readonly twilioCode: number | undefined,
    /** Twilio's Retry-After on a 429, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TwilioSendError';
  }
}

/** Which sends of an account's Messages list to read: those to `to` from `from` (or through the Messaging Service), created since `since`. */
export type SentQuery = Pick<OutboundSend, 'accountSid' | 'authToken' | 'apiBaseUrl' | 'from' | 'messagingServiceSid' | 'to'> & { since: Date };

/** Twilio's Messages API; throws TwilioSendError on failure. */
export abstract class TwilioMessaging {
  /** Sends one WhatsApp message. */
  abstract send(message: OutboundSend): Promise<{ sid: string; status: string }>;
  /** Every listed message of the query, newest first; throws when the list cannot be read to `since`. */
  abstract listSent(query: SentQuery): Promise<ProviderMessage[]>;
}
