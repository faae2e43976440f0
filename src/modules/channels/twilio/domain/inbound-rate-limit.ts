/**
 * The per-contact inbound limit: messages are counted in fixed one-minute windows; beyond the
 * tenant's limit a message is stored but not answered, and the contact stays throttled until the
 * window ends.
 */
export const INBOUND_RATE_WINDOW_MS = 60_000;

export interface RateWindow {
  /** Minutes since the epoch: the counter's key. */
  id: number;
  /** When the count starts again from zero. */
  endsAt: Date;
}

export function rateWindowAt(now: Date): RateWindow {
  const id = Math.floor(now.getTime() / INBOUND_RATE_WINDOW_MS);
  return { id, endsAt: new Date((id + 1) * INBOUND_RATE_WINDOW_MS) };
}

/** `countInWindow` includes the message being judged: the limit-th message is still answered. */
export function isOverInboundLimit(countInWindow: number, limitPerMinute: number): boolean {
  return countInWindow > limitPerMinute;
}
