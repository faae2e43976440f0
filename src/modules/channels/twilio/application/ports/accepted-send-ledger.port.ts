/**
 * Remembers, outside PostgreSQL, that Twilio accepted a message, written right after Twilio's
 * answer: if storing the SID in the database then fails, a retried job finds it here instead of
 * sending the message a second time.
 */
export abstract class AcceptedSendLedger {
  abstract remember(messageId: string, accepted: { sid: string; status: string }): Promise<void>;
  abstract find(messageId: string): Promise<{ sid: string; status: string } | null>;
  /** The message a sid was remembered for: a status callback can arrive before the sid reached PostgreSQL. */
  abstract messageFor(sid: string): Promise<string | null>;
}
