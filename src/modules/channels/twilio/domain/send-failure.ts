/**
 * When a send to Twilio fails, decide whether the queue should retry: rate limits, server errors
 * and network failures are transient; other client errors (bad number, unverified sender) are not.
 */
export function isRetryableSendFailure(httpStatus: number | undefined): boolean {
  if (httpStatus === undefined) return true;
  return httpStatus === 429 || httpStatus >= 500 || httpStatus === 408;
}
