/** Errors raised by domain and application code; one filter maps their kind to an HTTP status. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'unprocessable' | 'rate_limited';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  /** For rate_limited errors: when the caller may try again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
