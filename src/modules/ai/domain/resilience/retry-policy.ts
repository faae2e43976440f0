/** Retries of one LLM call: exponential backoff with full jitter, and which errors deserve one. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Full jitter (random() * capped exponential), so workers that failed together do not retry together. */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1);
  return Math.round(random() * Math.min(policy.maxDelayMs, exponential));
}

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError', 'APIConnectionTimeoutError']);
const NETWORK_NAMES = new Set(['APIConnectionError', 'FetchError']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** LangChain and fetch wrap the real failure; a few levels of `cause` are enough. */
const MAX_CAUSE_DEPTH = 4;

/**
 * Worth another attempt: rate limits (429), provider failures (5xx), timeouts and network errors.
 * Any other 4xx is our own request's fault and would fail again. Errors from the openai SDK carry
 * `status` (or `response.status` elsewhere); their class name says timeout or connection error,
 * and LangChain turns a timeout into an Error named TimeoutError.
 */
export function isRetryableLlmError(error: unknown): boolean {
  for (let current = error, depth = 0; isObject(current) && depth <= MAX_CAUSE_DEPTH; current = current.cause, depth += 1) {
    const verdict = verdictOf(current);
    if (verdict !== undefined) return verdict;
  }
  return false;
}

function verdictOf(error: Record<string, unknown>): boolean | undefined {
  const status = statusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  const names = [stringField(error, 'name'), (error.constructor as { name?: string } | undefined)?.name];
  if (names.some((name) => name && (TIMEOUT_NAMES.has(name) || NETWORK_NAMES.has(name)))) return true;
  const code = stringField(error, 'code') ?? stringField(error, 'errno');
  if (code && NETWORK_CODES.has(code)) return true;
  const message = (stringField(error, 'message') ?? '').toLowerCase();
  if (message.includes('timed out') || message.includes('timeout') || message.includes('fetch failed')) return true;
  return undefined;
}

function statusOf(error: Record<string, unknown>): number | undefined {
  const response = isObject(error.response) ? error.response : undefined;
  const status = typeof error.status === 'number' ? error.status : response && typeof response.status === 'number' ? response.status : undefined;
  return status !== undefined && status >= 400 && status <= 599 ? status : undefined;
}

function stringField(error: Record<string, unknown>, field: string): string | undefined {
  return typeof error[field] === 'string' ? error[field] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
