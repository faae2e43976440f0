import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEBOUNCE_MS_MAX, INBOUND_LIMIT_MAX, KEYWORD_MAX_LENGTH, KEYWORDS_MAX } from '../../domain/channel-settings-change';
import type { ChannelSettings } from '../../domain/channel-settings';

const AUDIO_FALLBACKS = ['ask_to_type', 'handoff'] as const;
const KEYWORDS_DOC = `Whole-message keywords, compared trimmed and case- and accent-insensitively; stored lower-case without accents, de-duplicated; at most ${KEYWORDS_MAX}, each up to ${KEYWORD_MAX_LENGTH} characters`;

export class ChannelSettingsResponseDto {
  @ApiProperty({ type: 'integer', description: 'Messages from one contact within this many milliseconds are answered together in one AI run', example: 2000 })
  debounceMs!: number;

  @ApiProperty({ type: [String], description: 'A message that is only one of these opts the contact out: one confirmation, then nothing more is sent to them', example: ['sair', 'parar', 'stop', 'cancelar'] })
  optOutKeywords!: string[];

  @ApiProperty({ type: [String], description: 'A message that is only one of these, from an opted-out contact, opts them back in (with a confirmation)', example: ['voltar', 'start'] })
  optInKeywords!: string[];

  @ApiProperty({ enum: AUDIO_FALLBACKS, description: 'When a voice note cannot be transcribed: ask the customer to type, or hand the chat to a person', example: 'ask_to_type' })
  audioFallback!: ChannelSettings['audioFallback'];

  @ApiProperty({ type: 'integer', description: 'Inbound messages a minute from one contact beyond which messages are stored but not answered', example: 20 })
  inboundLimitPerMinute!: number;
}

export class UpdateChannelSettingsRequestDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: DEBOUNCE_MS_MAX, example: 2000 })
  @IsOptional() @IsInt() @Min(0) @Max(DEBOUNCE_MS_MAX)
  debounceMs?: number;

  @ApiPropertyOptional({ type: [String], description: `${KEYWORDS_DOC}; at least one, and none also an opt-in keyword (422 CHANNEL.INVALID_SETTINGS)`, example: ['sair', 'stop'] })
  @IsOptional() @IsArray() @ArrayMaxSize(KEYWORDS_MAX) @IsString({ each: true }) @MaxLength(KEYWORD_MAX_LENGTH, { each: true })
  optOutKeywords?: string[];

  @ApiPropertyOptional({ type: [String], description: `${KEYWORDS_DOC}; may be empty`, example: ['voltar', 'start'] })
  @IsOptional() @IsArray() @ArrayMaxSize(KEYWORDS_MAX) @IsString({ each: true }) @MaxLength(KEYWORD_MAX_LENGTH, { each: true })
  optInKeywords?: string[];

  @ApiPropertyOptional({ enum: AUDIO_FALLBACKS, example: 'handoff' })
  @IsOptional() @IsIn(AUDIO_FALLBACKS)
  audioFallback?: ChannelSettings['audioFallback'];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INBOUND_LIMIT_MAX, example: 20 })
  @IsOptional() @IsInt() @Min(1) @Max(INBOUND_LIMIT_MAX)
  inboundLimitPerMinute?: number;
}
