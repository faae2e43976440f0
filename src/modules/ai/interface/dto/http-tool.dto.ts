import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { PageMetaDto } from '@core/http/pagination.dto';
import { HTTP_METHODS, HTTP_TOOL_LIMITS, HTTP_TOOL_NAME, type HttpMethod } from '../../domain/tools/http-tool';

export const HTTP_TOOL_NOT_FOUND = 'No such HTTP tool in this tenant (code AI.HTTP_TOOL_NOT_FOUND)';
export const HTTP_TOOL_REFUSED =
  'Refused: name (AI.HTTP_TOOL_INVALID_NAME: format, or a built-in tool name), url (AI.HTTP_TOOL_INVALID_URL), headers (AI.HTTP_TOOL_INVALID_HEADERS) or parameters (AI.HTTP_TOOL_INVALID_SCHEMA: not a JSON Schema of an object, regular expressions, or a URL placeholder it does not require)';

const { timeoutMs: TIMEOUT, maxResponseBytes: MAX_BYTES } = HTTP_TOOL_LIMITS;
const SCHEMA_EXAMPLE = {
  type: 'object',
  properties: { orderId: { type: 'string', description: 'The order number the customer gave', maxLength: 20 } },
  required: ['orderId'],
};
const HEADERS_DESCRIPTION = `Header name → value, at most ${HTTP_TOOL_LIMITS.maxHeaders}; stored encrypted, never returned (responses show names only)`;

/** A plain object whose values are all strings. */
function IsStringMap() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string'),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an object of header names to string values`,
      },
    });
}

export class CreateHttpToolRequestDto {
  @ApiProperty({ description: 'How the agents call it: lower_snake_case, not a built-in tool name', pattern: HTTP_TOOL_NAME.source, example: 'status_do_pedido' })
  @IsString() @MaxLength(64)
  name!: string;

  @ApiProperty({ description: 'Tells the AI when to use the tool and what it returns', maxLength: HTTP_TOOL_LIMITS.descriptionMaxLength, example: 'Looks up the status of an order by its number' })
  @IsString() @Matches(/\S/, { message: 'description must not be blank' }) @MaxLength(HTTP_TOOL_LIMITS.descriptionMaxLength)
  description!: string;

  @ApiProperty({
    description: 'JSON Schema (draft-07) of the arguments, with "type": "object" at its root; `pattern` is not supported',
    type: 'object',
    additionalProperties: true,
    example: SCHEMA_EXAMPLE,
  })
  @IsObject()
  parameters!: Record<string, unknown>;

  @ApiProperty({
    description: 'http(s) URL; its path may hold {param} placeholders filled (URL-encoded) from required arguments',
    maxLength: HTTP_TOOL_LIMITS.urlMaxLength,
    example: 'https://api.minhaloja.com.br/orders/{orderId}',
  })
  @IsString() @MaxLength(HTTP_TOOL_LIMITS.urlMaxLength)
  url!: string;

  @ApiProperty({ description: 'GET and DELETE send the other arguments in the query string; the others as a JSON body', enum: HTTP_METHODS, example: 'GET' })
  @IsIn(HTTP_METHODS)
  method!: HttpMethod;

  @ApiPropertyOptional({ description: HEADERS_DESCRIPTION, type: 'object', additionalProperties: { type: 'string' }, writeOnly: true, example: { Authorization: 'Bearer 0123456789abcdef' } })
  @IsOptional() @IsStringMap()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', minimum: TIMEOUT.min, maximum: TIMEOUT.max, default: TIMEOUT.default, example: 5000 })
  @IsOptional() @IsInt() @Min(TIMEOUT.min) @Max(TIMEOUT.max)
  timeoutMs?: number;

  @ApiPropertyOptional({ description: 'The response body is cut here', type: 'integer', minimum: MAX_BYTES.min, maximum: MAX_BYTES.max, default: MAX_BYTES.default, example: 16384 })
  @IsOptional() @IsInt() @Min(MAX_BYTES.min) @Max(MAX_BYTES.max)
  maxResponseBytes?: number;

  @ApiPropertyOptional({ description: 'Disabled tools are never offered to the agents', default: true, example: true })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

/** Every field optional; `headers` replaces the whole set ({} removes them all), absent leaves them as they are. */
export class UpdateHttpToolRequestDto {
  @ApiPropertyOptional({ pattern: HTTP_TOOL_NAME.source, example: 'status_do_pedido' })
  @IsOptional() @IsString() @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ maxLength: HTTP_TOOL_LIMITS.descriptionMaxLength, example: 'Looks up the status of an order by its number' })
  @IsOptional() @IsString() @Matches(/\S/, { message: 'description must not be blank' }) @MaxLength(HTTP_TOOL_LIMITS.descriptionMaxLength)
  description?: string;

  @ApiPropertyOptional({ description: 'JSON Schema of the arguments ("type": "object")', type: 'object', additionalProperties: true, example: SCHEMA_EXAMPLE })
  @IsOptional() @IsObject()
  parameters?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: HTTP_TOOL_LIMITS.urlMaxLength, example: 'https://api.minhaloja.com.br/orders/{orderId}' })
  @IsOptional() @IsString() @MaxLength(HTTP_TOOL_LIMITS.urlMaxLength)
  url?: string;

  @ApiPropertyOptional({ enum: HTTP_METHODS, example: 'GET' })
  @IsOptional() @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  @ApiPropertyOptional({
    description: `${HEADERS_DESCRIPTION}. Replaces the whole set; {} removes them all; absent keeps them`,
    type: 'object',
    additionalProperties: { type: 'string' },
    writeOnly: true,
    example: { Authorization: 'Bearer fedcba9876543210' },
  })
  @IsOptional() @IsStringMap()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', minimum: TIMEOUT.min, maximum: TIMEOUT.max, example: 5000 })
  @IsOptional() @IsInt() @Min(TIMEOUT.min) @Max(TIMEOUT.max)
  timeoutMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: MAX_BYTES.min, maximum: MAX_BYTES.max, example: 16384 })
  @IsOptional() @IsInt() @Min(MAX_BYTES.min) @Max(MAX_BYTES.max)
  maxResponseBytes?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

export class HttpToolHeaderDto {
  @ApiProperty({ example: 'Authorization' })
  name!: string;

  @ApiProperty({ description: 'Always masked', enum: ['***'], example: '***' })
  value!: '***';
}

export class HttpToolResponseDto {
  @ApiProperty({ format: 'uuid', example: '8a0b6a52-53a4-4c4b-9a39-6d7b1b0f2c11' })
  id!: string;

  @ApiProperty({ example: 'status_do_pedido' })
  name!: string;

  @ApiProperty({ example: 'Looks up the status of an order by its number' })
  description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: SCHEMA_EXAMPLE })
  parameters!: Record<string, unknown>;

  @ApiProperty({ example: 'https://api.minhaloja.com.br/orders/{orderId}' })
  url!: string;

  @ApiProperty({ enum: HTTP_METHODS, example: 'GET' })
  method!: HttpMethod;

  @ApiProperty({ description: 'The header names; values are never returned', type: [HttpToolHeaderDto] })
  headers!: HttpToolHeaderDto[];

  @ApiProperty({ type: 'integer', example: 5000 })
  timeoutMs!: number;

  @ApiProperty({ type: 'integer', example: 16384 })
  maxResponseBytes!: number;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  updatedAt!: string;
}

export class HttpToolListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [HttpToolResponseDto] })
  items!: HttpToolResponseDto[];
}

export class TestHttpToolRequestDto {
  @ApiPropertyOptional({ description: 'The arguments, as an agent would give them; checked against the parameters schema', type: 'object', additionalProperties: true, default: {}, example: { orderId: 'A-1042' } })
  @IsOptional() @IsObject()
  arguments?: Record<string, unknown>;
}

export class HttpToolOutcomeResponseDto {
  @ApiProperty({ description: 'True for a 2xx answer', example: true })
  ok!: boolean;

  @ApiProperty({ description: 'The HTTP status; null when no answer came (invalid arguments, refused address, timeout, network error)', type: 'integer', nullable: true, example: 200 })
  status!: number | null;

  @ApiProperty({ description: 'The response body as text, cut at maxResponseBytes', example: '{"status":"shipped"}' })
  output!: string;

  @ApiProperty({ description: 'True when the body was longer than maxResponseBytes', example: false })
  truncated!: boolean;

  @ApiPropertyOptional({ description: 'What went wrong, when ok is false', example: 'HTTP 404' })
  error?: string;

  @ApiProperty({ type: 'integer', example: 182 })
  durationMs!: number;
}
