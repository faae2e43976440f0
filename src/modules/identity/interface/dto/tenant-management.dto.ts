import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import type { TenantStatus } from '../../domain/tenant';
import { TENANT_STATUSES, TenantResponseDto } from './tenant.dto';

export const TENANT_NOT_FOUND = 'No tenant with this id (code IDENTITY.TENANT_NOT_FOUND)';

export class ListTenantsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: TENANT_STATUSES, description: 'Only tenants in this status', example: 'suspended' })
  @IsOptional() @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive', maxLength: 200, example: 'padaria' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  q?: string;
}

export class UpdateTenantRequestDto {
  @ApiPropertyOptional({ description: "The business's new name", minLength: 1, maxLength: 200, example: 'Padaria Pão Quente Ltda.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;
}

export class TenantListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [TenantResponseDto], description: 'Newest first' })
  items!: TenantResponseDto[];
}
