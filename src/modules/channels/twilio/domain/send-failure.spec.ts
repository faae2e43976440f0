import { isRetryableSendFailure } from './send-failure';

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
