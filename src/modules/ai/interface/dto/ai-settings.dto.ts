import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import { AI_SETTINGS_RANGES, DEFAULT_AI_SETTINGS } from '../../domain/specialists/specialist';

const { routerMinConfidence, memoryWindowTurns, memoryTtlSeconds, semanticCacheThreshold } = AI_SETTINGS_RANGES;
const present = (_: object, value: unknown) => value !== undefined;

const DESCRIPTIONS = {
  routerMinConfidence: 'Below this router confidence the conversation goes to a human',
  memoryWindowTurns: 'How many recent turns of the conversation the AI keeps in its short-term memory',
  memoryTtlSeconds: 'How long the short-term memory of an idle conversation lives, in seconds',
  semanticCacheThreshold: 'Cosine similarity from which a cached answer to a similar question is reused (plans with semantic_cache)',
};

export class UpdateAiSettingsRequestDto {
  @ApiPropertyOptional({ description: DESCRIPTIONS.routerMinConfidence, minimum: routerMinConfidence.min, maximum: routerMinConfidence.max, example: 0.4 })
  @ValidateIf(present) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(routerMinConfidence.min) @Max(routerMinConfidence.max)
  routerMinConfidence?: number;

  @ApiPropertyOptional({ description: DESCRIPTIONS.memoryWindowTurns, type: 'integer', minimum: memoryWindowTurns.min, maximum: memoryWindowTurns.max, example: 16 })
  @ValidateIf(present) @IsInt() @Min(memoryWindowTurns.min) @Max(memoryWindowTurns.max)
  memoryWindowTurns?: number;

  @ApiPropertyOptional({ description: DESCRIPTIONS.memoryTtlSeconds, type: 'integer', minimum: memoryTtlSeconds.min, maximum: memoryTtlSeconds.max, example: 3600 })
  @ValidateIf(present) @IsInt() @Min(memoryTtlSeconds.min) @Max(memoryTtlSeconds.max)
  memoryTtlSeconds?: number;

  @ApiPropertyOptional({ description: DESCRIPTIONS.semanticCacheThreshold, minimum: semanticCacheThreshold.min, maximum: semanticCacheThreshold.max, example: 0.95 })
  @ValidateIf(present) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(semanticCacheThreshold.min) @Max(semanticCacheThreshold.max)
  semanticCacheThreshold?: number;
}

export class AiSettingsResponseDto {
  @ApiProperty({ description: DESCRIPTIONS.routerMinConfidence, minimum: routerMinConfidence.min, maximum: routerMinConfidence.max, example: DEFAULT_AI_SETTINGS.routerMinConfidence })
  routerMinConfidence!: number;

  @ApiProperty({ description: DESCRIPTIONS.memoryWindowTurns, type: 'integer', example: DEFAULT_AI_SETTINGS.memoryWindowTurns })
  memoryWindowTurns!: number;

  @ApiProperty({ description: DESCRIPTIONS.memoryTtlSeconds, type: 'integer', example: DEFAULT_AI_SETTINGS.memoryTtlSeconds })
  memoryTtlSeconds!: number;

  @ApiProperty({ description: DESCRIPTIONS.semanticCacheThreshold, example: DEFAULT_AI_SETTINGS.semanticCacheThreshold })
  semanticCacheThreshold!: number;
}
