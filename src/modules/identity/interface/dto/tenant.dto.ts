import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class TenantAdminRequestDto {
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @IsString() @MaxLength(128)
  password!: string;
}

export class CreateTenantRequestDto {
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @IsDefined() @ValidateNested() @Type(() => TenantAdminRequestDto)
  admin!: TenantAdminRequestDto;
}

export class TenantResponseDto {
  id!: string;
  name!: string;
  status!: string;
  createdAt!: string;
  adminId?: string;
}
