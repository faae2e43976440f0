import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES } from '@core/auth/principal';
import { enumValues } from '@core/http/enum-values';
import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password-policy';
import { TENANT_STAFF_ROLES, type StaffStatus, type TenantStaffRole } from '../../domain/staff-member';

const STAFF_STATUSES = enumValues<StaffStatus>({ active: true, disabled: true });
const PASSWORD_RULE = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters mixing letters with digits or symbols (422 IDENTITY.WEAK_PASSWORD otherwise)`;

export class CreateStaffRequestDto {
  @ApiProperty({ description: 'Their login; unique across the whole platform (409 IDENTITY.EMAIL_TAKEN otherwise)', format: 'email', maxLength: 320, example: 'joana@padaria.example' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @ApiProperty({ description: PASSWORD_RULE, format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, example: 'joana-senha-2024' })
  @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ enum: TENANT_STAFF_ROLES, description: 'tenant_admin runs the tenant; agent answers handed-off conversations', example: 'agent' })
  @IsIn(TENANT_STAFF_ROLES)
  role!: TenantStaffRole;

  @ApiPropertyOptional({ description: 'How colleagues see them', minLength: 1, maxLength: 200, example: 'Joana Silva' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;
}

export class UpdateStaffRequestDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'A new name; null clears it', minLength: 1, maxLength: 200, example: 'Joana S.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ enum: TENANT_STAFF_ROLES, description: 'A new role; ends their sessions. You cannot demote yourself (409 IDENTITY.OWN_ACCOUNT_LOCKOUT)', example: 'tenant_admin' })
  @IsOptional() @IsIn(TENANT_STAFF_ROLES)
  role?: TenantStaffRole;

  @ApiPropertyOptional({ description: `A new password; ends their sessions. ${PASSWORD_RULE}`, format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, example: 'nova-senha-2025' })
  @IsOptional() @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class ListStaffQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: TENANT_STAFF_ROLES, description: 'Only this role', example: 'agent' })
  @IsOptional() @IsIn(TENANT_STAFF_ROLES)
  role?: TenantStaffRole;

  @ApiPropertyOptional({ enum: STAFF_STATUSES, description: 'Only active or only disabled accounts', example: 'active' })
  @IsOptional() @IsIn(STAFF_STATUSES)
  status?: StaffStatus;

  @ApiPropertyOptional({ description: 'Part of the e-mail or the name, any case', minLength: 1, maxLength: 200, example: 'joana' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  q?: string;
}

export class StaffResponseDto {
  @ApiProperty({ format: 'uuid', example: '6a1e2f4d-3b5c-4d7e-8f90-1a2b3c4d5e6f' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'joana@padaria.example' })
  email!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Joana Silva' })
  name!: string | null;

  @ApiProperty({ enum: STAFF_ROLES, description: 'tenant_admin or agent; platform_admin only in GET /api/v1/auth/me', example: 'agent' })
  role!: string;

  @ApiProperty({ enum: STAFF_STATUSES, description: 'A disabled account cannot log in and its tokens stop working at once', example: 'active' })
  status!: StaffStatus;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Their last successful login, if any', example: '2025-01-16T08:30:00.000Z' })
  lastLoginAt!: string | null;
}

export class StaffListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [StaffResponseDto] })
  items!: StaffResponseDto[];
}

export class CurrentStaffResponseDto extends StaffResponseDto {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: "The caller's tenant; null for a platform admin", example: '0b6f4c3e-8d1a-4f7e-9c2b-5a1d3e7f9b20' })
  tenantId!: string | null;
}
