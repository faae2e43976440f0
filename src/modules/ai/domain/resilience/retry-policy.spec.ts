import { wrapOpenAIClientError } from '@langchain/openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { backoffDelay, isRetryableLlmError, RetryPolicy } from './retry-policy';

const POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it('doubles the ceiling after each failed attempt, up to maxDelayMs', () => {
    const ceiling = (failed: number) => backoffDelay(POLICY, failed, () => 1);
    expect([1, 2, 3, 4, 10].map(ceiling)).toEqual([300, 600, 1000, 1000, 1000]);
  });

  it('draws anywhere below the ceiling (full jitter), rounded to whole milliseconds', () => {
    expect(backoffDelay(POLICY, 2, () => 0)).toBe(0);
    expect(backoffDelay(POLICY, 2, () => 0.5)).toBe(300);
    expect(backoffDelay(POLICY, 1, () => 0.3333)).toBe(100);
  });
});

const headers = new Headers();
const apiError = (status: number) => APIError.generate(status, { error: { message: 'x' } }, undefined, headers);

describe('isRetryableLlmError', () => {
  it('retries rate limits and provider failures from the openai SDK', () => {
    expect(isRetryableLlmError(new RateLimitError(429, undefined, 'slow down', headers))).toBe(true);
    expect(isRetryableLlmError(new InternalServerError(500, undefined, 'boom', headers))).toBe(true);
    expect(isRetryableLlmError(apiError(503))).toBe(true);
    expect(isRetryableLlmError(apiError(529))).toBe(true);
  });

  it('does not retry our own mistakes: 400, 401, 404, 422', () => {
    expect(isRetryableLlmError(new BadRequestError(400, undefined, 'bad', headers))).toBe(false);
    expect(isRetryableLlmError(new AuthenticationError(401, undefined, 'no key', headers))).toBe(false);
    expect(isRetryableLlmError(apiError(404))).toBe(false);
    expect(isRetryableLlmError(apiError(422))).toBe(false);
  });

  it('retries timeouts and connection failures, as the SDK throws them and as LangChain wraps them', () => {
    expect(isRetryableLlmError(new APIConnectionTimeoutError())).toBe(true);
    expect(isRetryableLlmError(new APIConnectionError({ message: 'Connection error.', cause: new TypeError('fetch failed') }))).toBe(true);
    expect(isRetryableLlmError(wrapOpenAIClientError(new APIConnectionTimeoutError()))).toBe(true);
    expect(isRetryableLlmError(wrapOpenAIClientError(new APIUserAbortError()))).toBe(true);
    expect(isRetryableLlmError(wrapOpenAIClientError(new RateLimitError(429, undefined, 'slow down', headers)))).toBe(true);
    expect(isRetryableLlmError(wrapOpenAIClientError(new AuthenticationError(401, undefined, 'no key', headers)))).toBe(false);
  });

  it('reads the status from error.response, and looks through error.cause', () => {
    expect(isRetryableLlmError({ response: { status: 502 } })).toBe(true);
    expect(isRetryableLlmError({ response: { status: 403 } })).toBe(false);
    expect(isRetryableLlmError(new Error('agent failed', { cause: apiError(500) }))).toBe(true);
    expect(isRetryableLlmError(new Error('agent failed', { cause: apiError(400) }))).toBe(false);
  });

  it('retries network errors by code or message, and timeouts by message', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']) {
      expect(isRetryableLlmError(Object.assign(new Error('socket'), { code }))).toBe(true);
    }
    expect(isRetryableLlmError(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(isRetryableLlmError(new Error('Request timed out.'))).toBe(true);
    expect(isRetryableLlmError(Object.assign(new Error('gave up'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('does not retry anything else', () => {
    expect(isRetryableLlmError(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isRetryableLlmError(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isRetryableLlmError('timeout as a string')).toBe(false);
    expect(isRetryableLlmError(undefined)).toBe(false);
    expect(isRetryableLlmError({ status: 200 })).toBe(false);
  });
});
