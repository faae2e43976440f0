import type { RateWindow } from '../../domain/inbound-rate-limit';

/** Counts a contact's inbound messages per window, shared by every api process. */
export abstract class InboundRateCounter {
  /**
   * Adds one message to the contact's count in this window; returns the count including it, or 0
   * when the count cannot be had now (Redis down): the limit fails open, a customer is never refused for it.
   */
  abstract increment(contactKey: string, window: RateWindow): Promise<number>;
}
