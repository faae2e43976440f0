import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AiUsageQueryDto {
  @ApiPropertyOptional({ description: 'How many UTC months to show, ending with the current one', type: 'integer', minimum: 1, maximum: 24, default: 6 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24)
  months = 6;
}

export class AiUsageMonthResponseDto {
  @ApiProperty({ description: 'The UTC calendar month', pattern: '^\\d{4}-\\d{2}$', example: '2026-11' })
  period!: string;

  @ApiProperty({ type: 'integer', description: 'AI replies counted that month', example: 128 })
  aiReplies!: number;

  @ApiProperty({ type: 'integer', example: 96000 })
  promptTokens!: number;

  @ApiProperty({ type: 'integer', example: 12800 })
  completionTokens!: number;

  @ApiProperty({ description: "Estimated LLM cost of the month's AI runs in USD (6 decimal places)", example: 0.0384 })
  costUsd!: number;
}

export class AiUsageResponseDto {
  @ApiProperty({ type: [AiUsageMonthResponseDto], description: 'One entry per month, newest first; months without use are zeros' })
  items!: AiUsageMonthResponseDto[];
}
