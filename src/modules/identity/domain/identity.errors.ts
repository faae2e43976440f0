import { DomainError } from '@core/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  readonly code = 'IDENTITY.INVALID_CREDENTIALS';
  readonly kind = 'unauthorized' as const;
  constructor() {
    super('Invalid e-mail or password');
  }
}

export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'IDENTITY.INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthorized' as const;
  constructor() {
    super('Invalid or expired refresh token');
  }
}

export class EmailTakenError extends DomainError {
  readonly code = 'IDENTITY.EMAIL_TAKEN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('A staff account with this e-mail already exists');
  }
}

export class TenantNotFoundError extends DomainError {
  readonly code = 'IDENTITY.TENANT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Tenant not found');
  }
}
