import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UsageResponseDto } from '@modules/identity/interface/dto/subscription.dto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AiUsageQueryDto {
  @ApiPropertyOptional({ description: 'How many UTC months to show, ending with the current one', type: 'integer', minimum: 1, maximum: 24, default: 6 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24)
  months = 6;
}

/** One month of a tenant's metered AI use: the same shape as the subscription's usage. */
export class AiUsageMonthResponseDto extends UsageResponseDto {}

export class AiUsageResponseDto {
  @ApiProperty({ type: [AiUsageMonthResponseDto], description: 'One entry per month, newest first; months without use are zeros' })
  items!: AiUsageMonthResponseDto[];
}
