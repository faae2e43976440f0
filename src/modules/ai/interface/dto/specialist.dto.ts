import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageMetaDto } from '@core/http/pagination.dto';
import {
  SPECIALIST_DESCRIPTION_MAX_LENGTH,
  SPECIALIST_KEYWORD_MAX_LENGTH,
  SPECIALIST_MAX_KEYWORDS,
  SPECIALIST_MAX_TOOLS,
  SPECIALIST_NAME_MAX_LENGTH,
  SPECIALIST_PROMPT_MAX_LENGTH,
  SPECIALIST_SLUG_PATTERN,
} from '../../domain/specialists/specialist';
import { BUILT_IN_TOOLS } from '../../domain/tools/tool-names';

export const SPECIALIST_NOT_FOUND = 'No specialist with this id in your tenant (code AI.SPECIALIST_NOT_FOUND)';
export const SPECIALIST_TOOLS_REFUSED =
  "A tool is neither built-in nor one of your HTTP tools (code AI.UNKNOWN_TOOL), or your plan's allowed tools do not include it (AI.TOOL_NOT_IN_PLAN)";

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const TOOLS_DESCRIPTION = `Tools the specialist may call: built-ins (${BUILT_IN_TOOLS.join(', ')}) and names of your HTTP tools. Each must be allowed by your plan (HTTP tools need the plan's "http" entry, and the http_tools feature flag at run time).`;
const KEYWORDS_DESCRIPTION = `Words or phrases for the offline keyword router (pt, en, es…); stored lowercased, trimmed and without duplicates; matched as whole words, ignoring accents. At most ${SPECIALIST_MAX_KEYWORDS} of ${SPECIALIST_KEYWORD_MAX_LENGTH} characters.`;
const DESCRIPTION_DESCRIPTION = 'What the specialist handles. The AI router reads it to choose the specialist, so say plainly which subjects belong here.';
const PROMPT_EXAMPLE = "You are the company's billing assistant on WhatsApp. Reply in the customer's language, briefly, using only facts from your tools.";
const KEYWORDS_EXAMPLE = ['boleto', 'pix', 'fatura', 'invoice', 'factura'];
const TOOLS_EXAMPLE = ['search_knowledge_base', 'request_human'];

// Optional fields may be absent, never null.
const present = (_: object, value: unknown) => value !== undefined;

export class CreateSpecialistRequestDto {
  @ApiProperty({ description: 'Stable identifier the router answers with; cannot change later (409 AI.SPECIALIST_SLUG_TAKEN when taken)', pattern: SPECIALIST_SLUG_PATTERN.source, example: 'orders' })
  @IsString() @Matches(SPECIALIST_SLUG_PATTERN, { message: 'slug must start with a lowercase letter and have 2 to 40 of a-z, 0-9 and _' })
  slug!: string;

  @ApiProperty({ maxLength: SPECIALIST_NAME_MAX_LENGTH, example: 'Orders' })
  @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(SPECIALIST_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ description: DESCRIPTION_DESCRIPTION, maxLength: SPECIALIST_DESCRIPTION_MAX_LENGTH, example: 'Order status, tracking codes and delivery delays.' })
  @IsString() @Matches(/\S/, { message: 'description must not be blank' }) @MaxLength(SPECIALIST_DESCRIPTION_MAX_LENGTH)
  description!: string;

  @ApiProperty({ description: 'The instructions of the specialist agent', maxLength: SPECIALIST_PROMPT_MAX_LENGTH, example: PROMPT_EXAMPLE })
  @IsString() @Matches(/\S/, { message: 'systemPrompt must not be blank' }) @MaxLength(SPECIALIST_PROMPT_MAX_LENGTH)
  systemPrompt!: string;

  @ApiPropertyOptional({ description: TOOLS_DESCRIPTION, type: [String], maxItems: SPECIALIST_MAX_TOOLS, default: [], example: TOOLS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(SPECIALIST_MAX_TOOLS) @IsString({ each: true }) @Matches(TOOL_NAME, { each: true, message: 'each tool must be a lower_snake_case name' })
  allowedTools?: string[];

  @ApiPropertyOptional({ description: KEYWORDS_DESCRIPTION, type: [String], maxItems: SPECIALIST_MAX_KEYWORDS, default: [], example: KEYWORDS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(SPECIALIST_MAX_KEYWORDS) @IsString({ each: true }) @MaxLength(SPECIALIST_KEYWORD_MAX_LENGTH, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ description: "Whether the router may choose it (default true); an enabled one counts toward the plan's max_specialists", default: true, example: true })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

export class UpdateSpecialistRequestDto {
  @ApiPropertyOptional({ maxLength: SPECIALIST_NAME_MAX_LENGTH, example: 'Orders and delivery' })
  @ValidateIf(present) @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(SPECIALIST_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ description: DESCRIPTION_DESCRIPTION, maxLength: SPECIALIST_DESCRIPTION_MAX_LENGTH, example: 'Order status, tracking codes, delivery delays and returns.' })
  @ValidateIf(present) @IsString() @Matches(/\S/, { message: 'description must not be blank' }) @MaxLength(SPECIALIST_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ description: 'The instructions of the specialist agent', maxLength: SPECIALIST_PROMPT_MAX_LENGTH, example: PROMPT_EXAMPLE })
  @ValidateIf(present) @IsString() @Matches(/\S/, { message: 'systemPrompt must not be blank' }) @MaxLength(SPECIALIST_PROMPT_MAX_LENGTH)
  systemPrompt?: string;

  @ApiPropertyOptional({ description: `${TOOLS_DESCRIPTION} Replaces the whole list.`, type: [String], maxItems: SPECIALIST_MAX_TOOLS, example: TOOLS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(SPECIALIST_MAX_TOOLS) @IsString({ each: true }) @Matches(TOOL_NAME, { each: true, message: 'each tool must be a lower_snake_case name' })
  allowedTools?: string[];

  @ApiPropertyOptional({ description: `${KEYWORDS_DESCRIPTION} Replaces the whole list.`, type: [String], maxItems: SPECIALIST_MAX_KEYWORDS, example: KEYWORDS_EXAMPLE })
  @ValidateIf(present) @IsArray() @ArrayMaxSize(SPECIALIST_MAX_KEYWORDS) @IsString({ each: true }) @MaxLength(SPECIALIST_KEYWORD_MAX_LENGTH, { each: true })
  keywords?: string[];
}

export class SpecialistResponseDto {
  @ApiProperty({ format: 'uuid', example: '3d594650-3436-4f2b-9a51-0b6e0f7c2a10' })
  id!: string;

  @ApiProperty({ description: 'Stable identifier the router answers with (recorded in ai_results)', example: 'billing' })
  slug!: string;

  @ApiProperty({ example: 'Billing' })
  name!: string;

  @ApiProperty({ description: 'What it handles; read by the AI router', example: 'Billing and finance: payments, invoices, boletos and PIX, refunds.' })
  description!: string;

  @ApiProperty({ example: PROMPT_EXAMPLE })
  systemPrompt!: string;

  @ApiProperty({ description: "Tools it may call; at run time only those the plan (and the http_tools flag, for HTTP tools) still allow", type: [String], example: TOOLS_EXAMPLE })
  allowedTools!: string[];

  @ApiProperty({ description: 'Lowercased keywords for the offline keyword router', type: [String], example: KEYWORDS_EXAMPLE })
  keywords!: string[];

  @ApiProperty({ description: 'Only enabled specialists are routed to', example: true })
  enabled!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  updatedAt!: string;
}

export class SpecialistListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [SpecialistResponseDto] })
  items!: SpecialistResponseDto[];
}
