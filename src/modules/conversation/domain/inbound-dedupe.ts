/**
 * The message-dedupe rule: an inbound message is identified by its provider and the provider's
 * message id (Twilio's MessageSid). The first delivery is stored and answered; any later delivery
 * of the same id (a Twilio retry, even a concurrent one) is acknowledged and dropped, except that
 * a stored message that was never picked up for an answer is handed to the worker again.
 */
export type InboundAdmission = { kind: 'new' } | { kind: 'duplicate'; requeue: boolean };

const TWILIO_MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

export function isTwilioMessageSid(sid: string): boolean {
  return TWILIO_MESSAGE_SID.test(sid);
}

export function inboundDedupeKey(provider: string, providerSid: string): string {
  return `${provider.toLowerCase()}:${providerSid}`;
}

/** Decides what to do after trying to store a delivery once. */
export function admitInbound(stored: { inserted: boolean; processed: boolean }): InboundAdmission {
  if (stored.inserted) return { kind: 'new' };
  return { kind: 'duplicate', requeue: !stored.processed };
}
