import type { AppConfig } from '@core/config/app-config';
import { Clock } from '@core/time/clock';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { SendAttempt } from '@modules/conversation/application/ports/delivery-store.port';
import type { Message } from '@modules/conversation/domain/message';
import type { ProviderMessage } from '@modules/channels/twilio/domain/send-attempt';

/** A clock the test moves. */
export class FakeClock extends Clock {
  constructor(private current = new Date('2025-01-01T12:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const SEND_CONFIG = { QUEUE_ATTEMPTS: 6, TWILIO_REQUEST_TIMEOUT_MS: 15_000, TWILIO_SEND_LOOKUP_MARGIN_MS: 10_000 } as AppConfig;

/**
 * The attempt-keeping methods of MessageDelivery over in-memory messages, as the database applies
 * them (an attempt starts only on a pending message without a sid), for a strict fake.
 */
export function attemptMethods(find: (id: string) => Message | undefined, knownSids: () => string[]) {
  return {
    beginAttempt: async (_t: string, id: string, attempt: SendAttempt) => {
      const m = find(id);
      if (!m || m.status !== 'pending' || m.providerSid || (m.sendAttemptedAt?.getTime() ?? null) !== (attempt.previous?.getTime() ?? null)) return false;
      Object.assign(m, { sendAttemptedAt: attempt.at, sendLookupAfter: attempt.lookupAfter, sendAttemptContentSid: attempt.contentSid, sendAttempts: (m.sendAttempts ?? 0) + 1 });
      return true;
    },
    settleAttempt: async (_t: string, id: string, lookupAfter: Date | null) => {
      const m = find(id);
      if (m && !m.providerSid) Object.assign(m, lookupAfter ? { sendLookupAfter: lookupAfter } : { sendAttemptedAt: null, sendLookupAfter: null });
    },
    findBySid: async (_t: string, sid: string) => (knownSids().includes(sid) ? ({ providerSid: sid } as Message) : null),
  } satisfies Partial<Record<keyof MessageDelivery, unknown>>;
}

/** What Twilio's list returns for sends it accepted (newest first). */
export function listedAs(accepted: { sid: string; body: string; at: Date; status?: string }[]): ProviderMessage[] {
  return accepted.map((a) => ({ sid: a.sid, status: a.status ?? 'queued', body: a.body, messagingServiceSid: null, dateCreated: a.at })).reverse();
}
