import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** PostgreSQL's integer (int4) maximum: the bound for any client number that reaches an integer column or an OFFSET. */
export const INT4_MAX = 2_147_483_647;

/** Offset pagination shared by every list: extend it with the list's own filters. */
export class PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Page size', type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: `How many to skip; at most ${INT4_MAX} (PostgreSQL's integer range), a larger one is a 400`, type: 'integer', minimum: 0, maximum: INT4_MAX, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset = 0;
}

/** Page metadata; a list response extends it with `items` typed for Swagger. */
export class PageMetaDto {
  @ApiProperty({ description: 'How many match the filter, across all pages', type: 'integer', example: 1 })
  total!: number;

  @ApiProperty({ type: 'integer', example: 20 })
  limit!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset!: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export class UuidParamDto {
  @ApiProperty({ description: 'The resource id', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsUUID()
  id!: string;
}
