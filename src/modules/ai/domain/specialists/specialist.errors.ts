import { DomainError } from '@core/errors/domain-error';

export class SpecialistNotFoundError extends DomainError {
  readonly code = 'AI.SPECIALIST_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Specialist not found');
  }
}

export class SpecialistSlugTakenError extends DomainError {
  readonly code = 'AI.SPECIALIST_SLUG_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(slug: string) {
    super(`The tenant already has a specialist with the slug "${slug}"`);
  }
}

export class SpecialistLimitError extends DomainError {
  readonly code = 'AI.SPECIALIST_LIMIT';
  readonly kind = 'unprocessable' as const;
  constructor(limit: number) {
    super(`The plan allows ${limit} enabled specialist${limit === 1 ? '' : 's'}; disable one first or change plan`);
  }
}

export class UnknownToolError extends DomainError {
  readonly code = 'AI.UNKNOWN_TOOL';
  readonly kind = 'unprocessable' as const;
  constructor(names: string[]) {
    super(`Neither a built-in tool nor one of the tenant's HTTP tools: ${names.join(', ')}`);
  }
}

export class ToolNotInPlanError extends DomainError {
  readonly code = 'AI.TOOL_NOT_IN_PLAN';
  readonly kind = 'unprocessable' as const;
  constructor(names: string[]) {
    super(`The plan does not allow: ${names.join(', ')}`);
  }
}

export class InvalidSpecialistError extends DomainError {
  readonly code = 'AI.INVALID_SPECIALIST';
  readonly kind = 'invalid' as const;
}

export class InvalidAiSettingsError extends DomainError {
  readonly code = 'AI.INVALID_AI_SETTINGS';
  readonly kind = 'invalid' as const;
}
