/**
 * When a send to Twilio fails, decide whether the queue should retry: rate limits, server errors
 * and network failures are transient; other client errors (bad number, unverified sender) are not.
 */
export function isRetryableSendFailure(httpStatus: number | undefined): boolean {
  if (httpStatus === undefined) return true;
  return httpStatus === 429 || httpStatus >= 500 || httpStatus === 408;
}

/** The longest Twilio's Retry-After may hold a message back; a larger value is treated as this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Reads a Retry-After header (seconds, or an HTTP date) as a delay in milliseconds; undefined if absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  if (!header?.trim()) return undefined;
  const value = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now.getTime();
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(Math.ceil(ms), 0), MAX_RETRY_AFTER_MS);
}
