/** Errors raised by domain and application code; one filter maps their kind to an HTTP status. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'unprocessable';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
