import { isRetryableSendFailure, MAX_RETRY_AFTER_MS, parseRetryAfter } from './send-failure';

describe('isRetryableSendFailure', () => {
  it('retries a network failure that produced no HTTP status', () => {
    expect(isRetryableSendFailure(undefined)).toBe(true);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a transient HTTP %i', (status) => {
    expect(isRetryableSendFailure(status)).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a client error HTTP %i', (status) => {
    expect(isRetryableSendFailure(status)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-01-01T12:00:00Z');

  it('reads seconds and HTTP dates as milliseconds from now', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
  });

  it('ignores an absent or unreadable header, and caps a huge one', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Tue, 31 Dec 2024 12:00:00 GMT', now)).toBe(0);
  });
});
