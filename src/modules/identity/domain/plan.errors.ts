import { DomainError } from '@core/errors/domain-error';

/** A plan code given to create or move a tenant that the catalogue does not have. */
export class UnknownPlanError extends DomainError {
  readonly code = 'IDENTITY.UNKNOWN_PLAN';
  readonly kind = 'unprocessable' as const;
  constructor(planCode: string) {
    super(`No plan with code "${planCode}"`);
  }
}

export class PlanNotFoundError extends DomainError {
  readonly code = 'IDENTITY.PLAN_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Plan not found');
  }
}

export class PlanCodeTakenError extends DomainError {
  readonly code = 'IDENTITY.PLAN_CODE_TAKEN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('A plan with this code already exists');
  }
}

export class InvalidFeatureFlagError extends DomainError {
  readonly code = 'IDENTITY.INVALID_FEATURE_FLAG';
  readonly kind = 'invalid' as const;
  constructor(flag: string) {
    super(`Feature flag "${flag.slice(0, 80)}" must be lower_snake_case, at most 60 characters`);
  }
}
