import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequestDto {
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @IsString() @MinLength(1) @MaxLength(128)
  password!: string;
}

export class RefreshRequestDto {
  @IsString() @MinLength(20) @MaxLength(200)
  refreshToken!: string;
}

export class SessionResponseDto {
  accessToken!: string;
  refreshToken!: string;
}
