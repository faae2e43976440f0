/**
 * Twilio's Messages API takes no idempotency key: a send that timed out, got a 5xx or died with its
 * worker may have been accepted. Such an attempt is resolved from Twilio's own message list before
 * any resend, and resent only when the list certainly does not hold it.
 */

/** A message as Twilio's list returns it (the Message resource names no StatusCallback and no ContentSid). */
export interface ProviderMessage {
  sid: string;
  status: string;
  body: string;
  messagingServiceSid: string | null;
  dateCreated: Date | null;
}

/** What an unresolved attempt sent. */
export interface AttemptSent {
  at: Date;
  /** The free-form text sent; null when it went as a template (Twilio renders the body itself). */
  body: string | null;
  messagingServiceSid: string | null;
}

/** Our clock and Twilio's may disagree: the list is read from this long before the attempt. */
export const LOOKUP_CLOCK_SKEW_MS = 5 * 60_000;

export function lookupWindowStart(attemptAt: Date): Date {
  return new Date(attemptAt.getTime() - LOOKUP_CLOCK_SKEW_MS);
}

/**
 * When an attempt may be looked up: a call still in flight can be accepted until it times out, and
 * Twilio's list lags a few seconds behind what it accepted.
 */
export function lookupAfter(from: Date, waitMs: number): Date {
  return new Date(from.getTime() + waitMs);
}

/**
 * The listed messages that may be this attempt, the earliest first. A free-form send is its exact
 * body; a template send any listed message of the window, since Twilio renders its body. The caller
 * skips sids already recorded on other messages: those are someone else's sends.
 */
export function attemptCandidates(listed: readonly ProviderMessage[], attempt: AttemptSent): ProviderMessage[] {
  const since = lookupWindowStart(attempt.at).getTime();
  return listed
    .filter((m) => m.dateCreated === null || m.dateCreated.getTime() >= since)
    .filter((m) => !attempt.messagingServiceSid || m.messagingServiceSid === attempt.messagingServiceSid)
    .filter((m) => attempt.body === null || m.body === attempt.body)
    .sort((a, b) => (a.dateCreated?.getTime() ?? Infinity) - (b.dateCreated?.getTime() ?? Infinity));
}
