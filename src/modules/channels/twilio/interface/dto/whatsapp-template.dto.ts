import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import { CONTENT_SID, TEMPLATE_PURPOSES, type TemplatePurpose, VARIABLE_KEY } from '../../domain/whatsapp-template';

export const TEMPLATE_NOT_FOUND = "No WhatsApp template with this id in the caller's tenant (code CHANNEL.TEMPLATE_NOT_FOUND)";
export const TEMPLATE_NAME_TAKEN = 'The tenant already has a template with this name (code CHANNEL.TEMPLATE_NAME_TAKEN)';
const VARIABLES_MAX = 20;

const PURPOSE_DOC =
  'Which messages use it outside the 24-hour window: reopen_conversation (agent replies), ai_follow_up (AI and system messages), ' +
  'handoff_follow_up (the handoff message and the unclaimed notice), other (only when an agent picks it). Automatic sends fill the ' +
  'variables named message, contact_name and business_name (and "1" when it is the only one); any other variable is sent empty';

export class TemplateVariableDto {
  @ApiProperty({ description: "Twilio's placeholder key", pattern: VARIABLE_KEY.source, example: '1' })
  @Matches(VARIABLE_KEY, { message: 'key must be 1 to 40 letters, digits or _' })
  key!: string;

  @ApiProperty({ description: 'What goes there, for the agents', maxLength: 200, example: 'Nome do cliente' })
  @IsString() @MaxLength(200)
  description!: string;
}

export class CreateWhatsappTemplateRequestDto {
  @ApiProperty({ description: 'Unique in the tenant', minLength: 1, maxLength: 100, example: 'retomar_conversa' })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ description: "The approved template's Content SID in Twilio's Content API", pattern: CONTENT_SID.source, example: 'HX0123456789abcdef0123456789abcdef' })
  @Matches(CONTENT_SID, { message: 'contentSid must look like HX followed by 32 hex characters' })
  contentSid!: string;

  @ApiProperty({ enum: TEMPLATE_PURPOSES, description: PURPOSE_DOC, example: 'reopen_conversation' })
  @IsIn(TEMPLATE_PURPOSES)
  purpose!: TemplatePurpose;

  @ApiPropertyOptional({ type: [TemplateVariableDto], maxItems: VARIABLES_MAX, description: 'Its placeholders, keys unique', default: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(VARIABLES_MAX) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => TemplateVariableDto)
  variables?: TemplateVariableDto[];

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'The approved text with {{key}} placeholders, shown in the console', maxLength: 1600, example: 'Olá {{1}}! Podemos retomar o seu atendimento?' })
  @IsOptional() @IsString() @MaxLength(1600)
  bodyPreview?: string | null;

  @ApiPropertyOptional({ description: 'Disabled templates are never sent', default: true, example: true })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

export class UpdateWhatsappTemplateRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'retomar_conversa' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ pattern: CONTENT_SID.source, example: 'HX0123456789abcdef0123456789abcdef' })
  @IsOptional() @Matches(CONTENT_SID, { message: 'contentSid must look like HX followed by 32 hex characters' })
  contentSid?: string;

  @ApiPropertyOptional({ enum: TEMPLATE_PURPOSES, description: PURPOSE_DOC, example: 'ai_follow_up' })
  @IsOptional() @IsIn(TEMPLATE_PURPOSES)
  purpose?: TemplatePurpose;

  @ApiPropertyOptional({ type: [TemplateVariableDto], maxItems: VARIABLES_MAX, description: 'Replaces all variables' })
  @IsOptional() @IsArray() @ArrayMaxSize(VARIABLES_MAX) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => TemplateVariableDto)
  variables?: TemplateVariableDto[];

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 1600, description: 'null clears it', example: 'Olá {{1}}! Podemos retomar o seu atendimento?' })
  @IsOptional() @IsString() @MaxLength(1600)
  bodyPreview?: string | null;

  @ApiPropertyOptional({ example: false })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

export class ListWhatsappTemplatesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: TEMPLATE_PURPOSES, description: 'Only templates for this purpose', example: 'reopen_conversation' })
  @IsOptional() @IsIn(TEMPLATE_PURPOSES)
  purpose?: TemplatePurpose;
}

export class WhatsappTemplateResponseDto {
  @ApiProperty({ format: 'uuid', example: '2f1e3d4c-5b6a-4789-8a0b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({ example: 'retomar_conversa' })
  name!: string;

  @ApiProperty({ example: 'HX0123456789abcdef0123456789abcdef' })
  contentSid!: string;

  @ApiProperty({ enum: TEMPLATE_PURPOSES, example: 'reopen_conversation' })
  purpose!: TemplatePurpose;

  @ApiProperty({ type: [TemplateVariableDto] })
  variables!: TemplateVariableDto[];

  @ApiProperty({ type: 'string', nullable: true, example: 'Olá {{1}}! Podemos retomar o seu atendimento?' })
  bodyPreview!: string | null;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  updatedAt!: string;
}

export class WhatsappTemplateListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [WhatsappTemplateResponseDto], description: 'By name' })
  items!: WhatsappTemplateResponseDto[];
}
