import { DomainError } from '@core/errors/domain-error';

export class WeakPasswordError extends DomainError {
  readonly code = 'IDENTITY.WEAK_PASSWORD';
  readonly kind = 'unprocessable' as const;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Minimum policy: long enough, not one repeated character, at least one letter and one non-letter. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new WeakPasswordError(`password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (/^(.)\1*$/.test(password) || !/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) {
    throw new WeakPasswordError('password must mix letters with digits or symbols');
  }
}
