import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

const DEFAULT_DESCRIPTION: Record<ErrorStatus, string> = {
  400: 'The request is malformed or fails validation (message lists each problem)',
  401: 'A valid bearer access token is required',
  403: "The caller's role may not use this route",
  404: 'Not found',
  409: 'Conflicts with existing data',
  413: 'The body is larger than 1 MiB',
  422: 'Well-formed but refused by a business rule (see code)',
  429: 'Too many attempts; Retry-After says when to try again',
};

/** Documents one error response with the shared ErrorResponseDto schema (always JSON, even on routes producing XML). */
export function ApiError(status: ErrorStatus, description = DEFAULT_DESCRIPTION[status]) {
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } } }),
  );
}

/** Several error responses with their default descriptions: `@ApiErrors(400, 401, 403)`. */
export function ApiErrors(...statuses: ErrorStatus[]) {
  return applyDecorators(...statuses.map((status) => ApiError(status)));
}
