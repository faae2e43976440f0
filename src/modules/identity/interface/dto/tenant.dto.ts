import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { enumValues } from '@core/http/enum-values';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password-policy';
import type { TenantStatus } from '../../domain/tenant';

export const TENANT_STATUSES = enumValues<TenantStatus>({ active: true, suspended: true });

export class TenantAdminRequestDto {
  @ApiProperty({ description: "The first tenant admin's e-mail (their login)", format: 'email', maxLength: 320, example: 'dona@padaria.example' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @ApiProperty({
    description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters mixing letters with digits or symbols (422 IDENTITY.WEAK_PASSWORD otherwise)`,
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'padaria-senha-2024',
  })
  @IsString() @MaxLength(128)
  password!: string;
}

export class CreateTenantRequestDto {
  @ApiProperty({ description: "The business's name", minLength: 1, maxLength: 200, example: 'Padaria Pão Quente' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ description: "The tenant's first admin", type: TenantAdminRequestDto })
  // IsObject: ValidateNested alone lets an array through (it validates each element instead).
  @IsDefined() @IsObject() @ValidateNested() @Type(() => TenantAdminRequestDto)
  admin!: TenantAdminRequestDto;

  @ApiPropertyOptional({ description: 'Code of the plan to subscribe it to; the default plan when absent (422 IDENTITY.UNKNOWN_PLAN for an unknown code)', maxLength: 40, example: 'pro' })
  @IsOptional() @IsString() @MaxLength(40)
  planCode?: string;
}

export class TenantResponseDto {
  @ApiProperty({ format: 'uuid', example: '0b6f4c3e-8d1a-4f7e-9c2b-5a1d3e7f9b20' })
  id!: string;

  @ApiProperty({ example: 'Padaria Pão Quente' })
  name!: string;

  @ApiProperty({ enum: TENANT_STATUSES, description: 'A suspended tenant gets no AI replies and its staff cannot log in', example: 'active' })
  status!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When it was suspended; null while active', example: null })
  suspendedAt!: string | null;

  @ApiProperty({ description: 'Code of its plan', example: 'starter' })
  planCode!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff user created as its first admin', example: '6a1e2f4d-3b5c-4d7e-8f90-1a2b3c4d5e6f' })
  adminId?: string;
}
