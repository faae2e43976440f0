import { DomainError } from '@core/errors/domain-error';

export class StaffNotFoundError extends DomainError {
  readonly code = 'IDENTITY.STAFF_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Staff user not found');
  }
}

export class OwnAccountLockoutError extends DomainError {
  readonly code = 'IDENTITY.OWN_ACCOUNT_LOCKOUT';
  readonly kind = 'conflict' as const;
  constructor() {
    super('You cannot disable, delete or demote your own account; ask another tenant admin');
  }
}

export class LastActiveAdminError extends DomainError {
  readonly code = 'IDENTITY.LAST_ACTIVE_ADMIN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('The tenant must keep at least one active tenant admin');
  }
}
