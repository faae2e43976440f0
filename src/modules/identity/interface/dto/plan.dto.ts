import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { INT4_MAX, PageMetaDto } from '@core/http/pagination.dto';
import { PLAN_CODE_MAX_LENGTH, PLAN_CODE_PATTERN, TOOL_NAME_MAX_LENGTH, TOOL_NAME_PATTERN } from '../../domain/plan';
import { IsFeatureMap, MAX_FEATURES } from './feature-map.validator';

const MAX_TOOLS = 50;
const FEATURES_EXAMPLE = { knowledge_base: true, pii_masking: true, http_tools: false, semantic_cache: false };
const TOOLS_EXAMPLE = ['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human'];

// Limits are required but nullable (null = unlimited); other optional fields may be absent, never null.
const notNull = (_: object, value: unknown) => value !== null;
const present = (_: object, value: unknown) => value !== undefined;

export const PLAN_NOT_FOUND = 'No plan with this code (code IDENTITY.PLAN_NOT_FOUND)';

export class PlanCodeParamDto {
  @ApiProperty({ description: 'The plan code', maxLength: PLAN_CODE_MAX_LENGTH, example: 'starter' })
  @IsString() @MaxLength(PLAN_CODE_MAX_LENGTH) @Matches(PLAN_CODE_PATTERN)
  code!: string;
}

export class CreatePlanRequestDto {
  @ApiProperty({ description: 'Stable identifier: lower-case letters, digits, - and _', pattern: PLAN_CODE_PATTERN.source, maxLength: PLAN_CODE_MAX_LENGTH, example: 'business' })
  @IsString() @MaxLength(PLAN_CODE_MAX_LENGTH) @Matches(PLAN_CODE_PATTERN, { message: 'code must be lower-case letters, digits, - and _' })
  code!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Business' })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: INT4_MAX, description: 'AI replies per calendar month (UTC); null = unlimited. Required: send null on purpose', example: 5000 })
  @ValidateIf(notNull) @IsInt() @Min(0) @Max(INT4_MAX)
  aiRepliesPerMonth!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, description: 'Knowledge-base size in bytes; null = unlimited', example: 52428800 })
  @ValidateIf(notNull) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  kbMaxBytes!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: INT4_MAX, description: 'How many AI specialists the tenant may enable; null = unlimited', example: 5 })
  @ValidateIf(notNull) @IsInt() @Min(0) @Max(INT4_MAX)
  maxSpecialists!: number | null;

  @ApiPropertyOptional({ description: 'Tools its specialists may call (lower_snake_case); none when absent', type: [String], maxItems: MAX_TOOLS, default: [], example: TOOLS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(MAX_TOOLS) @IsString({ each: true }) @MaxLength(TOOL_NAME_MAX_LENGTH, { each: true }) @Matches(TOOL_NAME_PATTERN, { each: true, message: 'each tool must be lower_snake_case' })
  allowedTools: string[] = [];

  @ApiPropertyOptional({
    description: `Feature flags of the plan: up to ${MAX_FEATURES} lower_snake_case names (≤ 60 characters) → true/false; a flag not listed is off`,
    type: 'object',
    additionalProperties: { type: 'boolean' },
    default: {},
    example: FEATURES_EXAMPLE,
  })
  @ValidateIf(present) @IsFeatureMap()
  features: Record<string, boolean> = {};
}

/** Only the fields sent change; `features` and `allowedTools` replace the whole value. */
export class UpdatePlanRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Business (2025)' })
  @ValidateIf(present) @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: INT4_MAX, description: 'null = unlimited', example: 8000 })
  @IsOptional() @IsInt() @Min(0) @Max(INT4_MAX)
  aiRepliesPerMonth?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, description: 'null = unlimited', example: 104857600 })
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  kbMaxBytes?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: INT4_MAX, description: 'null = unlimited', example: 8 })
  @IsOptional() @IsInt() @Min(0) @Max(INT4_MAX)
  maxSpecialists?: number | null;

  @ApiPropertyOptional({ description: 'Replaces the list of tools', type: [String], maxItems: MAX_TOOLS, example: TOOLS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(MAX_TOOLS) @IsString({ each: true }) @MaxLength(TOOL_NAME_MAX_LENGTH, { each: true }) @Matches(TOOL_NAME_PATTERN, { each: true, message: 'each tool must be lower_snake_case' })
  allowedTools?: string[];

  @ApiPropertyOptional({ description: 'Replaces all feature flags of the plan', type: 'object', additionalProperties: { type: 'boolean' }, example: FEATURES_EXAMPLE })
  @ValidateIf(present) @IsFeatureMap()
  features?: Record<string, boolean>;
}

export class PlanResponseDto {
  @ApiProperty({ example: 'starter' })
  code!: string;

  @ApiProperty({ example: 'Starter' })
  name!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'AI replies per calendar month (UTC); null = unlimited', example: 2000 })
  aiRepliesPerMonth!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Knowledge-base size in bytes; null = unlimited', example: 20971520 })
  kbMaxBytes!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null = unlimited', example: 3 })
  maxSpecialists!: number | null;

  @ApiProperty({ type: [String], example: TOOLS_EXAMPLE })
  allowedTools!: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' }, example: FEATURES_EXAMPLE })
  features!: Record<string, boolean>;

  @ApiProperty({ description: 'New tenants, and tenants without a subscription, get the default plan', example: true })
  isDefault!: boolean;
}

export class PlanListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [PlanResponseDto], description: 'Default plan first, then by code' })
  items!: PlanResponseDto[];
}
