import { INBOUND_RATE_WINDOW_MS, isOverInboundLimit, rateWindowAt } from './inbound-rate-limit';

describe('inbound rate limit', () => {
  it('counts in one-minute windows that end on the minute', () => {
    const window = rateWindowAt(new Date('2025-01-15T12:00:42.500Z'));
    expect(window.endsAt.toISOString()).toBe('2025-01-15T12:01:00.000Z');
    expect(rateWindowAt(new Date('2025-01-15T12:00:00.000Z')).id).toBe(window.id);
    expect(rateWindowAt(new Date('2025-01-15T12:01:00.000Z')).id).toBe(window.id + 1);
    expect(window.id * INBOUND_RATE_WINDOW_MS).toBe(Date.parse('2025-01-15T12:00:00.000Z'));
  });

  it('answers up to the limit and throttles every message beyond it', () => {
    expect(isOverInboundLimit(1, 20)).toBe(false);
    expect(isOverInboundLimit(20, 20)).toBe(false);
    expect(isOverInboundLimit(21, 20)).toBe(true);
    expect(isOverInboundLimit(2, 1)).toBe(true);
  });
});
