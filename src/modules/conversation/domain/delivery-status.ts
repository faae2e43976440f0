import type { MessageStatus } from './message';

/**
 * How far an outbound message got. Twilio's status callbacks arrive in any order and may repeat, so
 * a status only ever moves forward: queued → sending → sent → delivered → read. A failure
 * (failed, undelivered) ends the message, but never overrides proof that it was delivered.
 */
const PROGRESS: readonly MessageStatus[] = ['pending', 'accepted', 'queued', 'sending', 'sent', 'delivered', 'read'];
const FAILURES: readonly MessageStatus[] = ['failed', 'undelivered'];
const OUTBOUND: readonly MessageStatus[] = [...PROGRESS, ...FAILURES];

export function isDeliveryFailure(status: MessageStatus): boolean {
  return FAILURES.includes(status);
}

function rank(status: MessageStatus): number {
  return PROGRESS.indexOf(status);
}

/** Whether a message at `current` may take `next` (a repeat or a step back may not). */
export function mayMoveTo(current: MessageStatus, next: MessageStatus): boolean {
  if (!OUTBOUND.includes(current) || !OUTBOUND.includes(next) || isDeliveryFailure(current)) return false;
  if (isDeliveryFailure(next)) return rank(current) < rank('delivered');
  return rank(next) > rank(current);
}

/**
 * The status a change applies from. A failure stored without a provider id (the send's answer
 * never came) is lifted by proof that the provider accepted the message: its sid.
 */
export function statusBefore(current: MessageStatus, storedSid: string | null, provenSid: string | undefined): MessageStatus {
  return isDeliveryFailure(current) && !storedSid && provenSid ? 'pending' : current;
}

/** The statuses a stored message may have for `next` to apply: the guard of a conditional UPDATE. */
export function statusesThatMayMoveTo(next: MessageStatus): MessageStatus[] {
  return OUTBOUND.filter((current) => mayMoveTo(current, next));
}

/** Twilio's status names; anything else is not a delivery status Atende tracks. */
export function toDeliveryStatus(reported: string): MessageStatus | null {
  const status = reported.trim().toLowerCase() as MessageStatus;
  return OUTBOUND.includes(status) && status !== 'pending' ? status : null;
}

export interface PartDelivery {
  status: MessageStatus;
  errorCode: string | null;
}

/**
 * A long message sent as parts is as far as its parts together: failed when any part failed (with
 * that part's code), else as far as its least advanced part.
 */
export function statusOfParts(parts: readonly PartDelivery[]): PartDelivery {
  const failed = parts.find((p) => isDeliveryFailure(p.status));
  if (failed) return { status: failed.status, errorCode: failed.errorCode };
  const least = parts.reduce<MessageStatus | null>((low, p) => (low === null || rank(p.status) < rank(low) ? p.status : low), null);
  return { status: least ?? 'pending', errorCode: null };
}

/** The delivery timestamp a status fills, if any. */
export function timestampFor(status: MessageStatus): 'sentAt' | 'deliveredAt' | 'readAt' | null {
  if (status === 'sent') return 'sentAt';
  if (status === 'delivered') return 'deliveredAt';
  if (status === 'read') return 'readAt';
  return null;
}
