/**
 * The LLM cannot answer now: its breaker is open, or every attempt failed with a retryable error.
 * Not a DomainError: nothing the client did; the engine answers with its fallback and a handoff.
 */
export class LlmUnavailableError extends Error {
  constructor(
    readonly reason: 'breaker_open' | 'exhausted',
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(reason === 'breaker_open' ? `LLM ${key} unavailable: circuit breaker open` : `LLM ${key} unavailable: retries exhausted`, options);
    this.name = 'LlmUnavailableError';
  }
}
