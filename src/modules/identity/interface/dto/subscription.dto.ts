import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PlanResponseDto } from './plan.dto';

export class ChangeSubscriptionRequestDto {
  @ApiProperty({ description: 'Code of the plan to move the tenant to (422 IDENTITY.UNKNOWN_PLAN for an unknown code)', maxLength: 40, example: 'pro' })
  @IsString() @MinLength(1) @MaxLength(40)
  planCode!: string;
}

export class UsageResponseDto {
  @ApiProperty({ description: 'The UTC calendar month', pattern: '^\\d{4}-\\d{2}$', example: '2025-01' })
  period!: string;

  @ApiProperty({ type: 'integer', description: 'AI replies counted this month', example: 128 })
  aiReplies!: number;

  @ApiProperty({ type: 'integer', example: 96000 })
  promptTokens!: number;

  @ApiProperty({ type: 'integer', example: 12800 })
  completionTokens!: number;

  @ApiProperty({ description: "Estimated LLM cost of the month's AI runs in USD (6 decimal places)", example: 0.0384 })
  costUsd!: number;
}

export class SubscriptionResponseDto {
  @ApiProperty({ format: 'uuid', example: '0b6f4c3e-8d1a-4f7e-9c2b-5a1d3e7f9b20' })
  tenantId!: string;

  @ApiProperty({ type: PlanResponseDto, description: 'The plan and its limits (null = unlimited)' })
  plan!: PlanResponseDto;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the tenant moved to this plan; null when it has no subscription and runs on the default plan', example: '2025-01-15T12:00:00.000Z' })
  startedAt!: string | null;

  @ApiProperty({ type: UsageResponseDto, description: "This month's usage" })
  usage!: UsageResponseDto;
}
