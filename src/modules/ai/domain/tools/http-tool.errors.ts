import { DomainError } from '@core/errors/domain-error';

export class HttpToolNotFoundError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('HTTP tool not found');
  }
}

export class HttpToolNameTakenError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_NAME_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(name: string) {
    super(`The tenant already has an HTTP tool named ${name}`);
  }
}

export class HttpToolInvalidNameError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_INVALID_NAME';
  readonly kind = 'unprocessable' as const;
}

export class HttpToolInvalidUrlError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_INVALID_URL';
  readonly kind = 'unprocessable' as const;
}

export class HttpToolInvalidHeadersError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_INVALID_HEADERS';
  readonly kind = 'unprocessable' as const;
}

export class HttpToolInvalidSchemaError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_INVALID_SCHEMA';
  readonly kind = 'unprocessable' as const;
}

/** The arguments a call received do not fit the tool (the agent can correct them and retry). */
export class HttpToolInvalidArgumentsError extends DomainError {
  readonly code = 'AI.HTTP_TOOL_INVALID_ARGUMENTS';
  readonly kind = 'unprocessable' as const;
}
