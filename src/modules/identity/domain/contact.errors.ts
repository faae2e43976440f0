import { DomainError } from '@core/errors/domain-error';

export class ContactNotFoundError extends DomainError {
  readonly code = 'IDENTITY.CONTACT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Contact not found');
  }
}

export class InvalidTagError extends DomainError {
  readonly code = 'IDENTITY.INVALID_TAG';
  readonly kind = 'invalid' as const;
}

export class TooManyTagsError extends DomainError {
  readonly code = 'IDENTITY.TOO_MANY_TAGS';
  readonly kind = 'unprocessable' as const;
}
