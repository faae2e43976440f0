import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequestDto {
  @ApiProperty({ description: "The staff user's e-mail", format: 'email', maxLength: 320, example: 'admin@loja.example' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @ApiProperty({ description: 'The password', format: 'password', minLength: 1, maxLength: 128, example: 'correct-horse-42' })
  @IsString() @MinLength(1) @MaxLength(128)
  password!: string;
}

export class RefreshRequestDto {
  @ApiProperty({ description: 'The refresh token of the last pair; it is spent by this call', minLength: 20, maxLength: 200, example: 'p0Bq3nE8yJ1v5xWc7Rk2LmZ9sT4uH6dA' })
  @IsString() @MinLength(20) @MaxLength(200)
  refreshToken!: string;
}

export class SessionResponseDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization: Bearer header', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl' })
  accessToken!: string;

  @ApiProperty({ description: 'Single-use token for POST /api/v1/auth/refresh; presenting a spent one revokes its family', example: 'p0Bq3nE8yJ1v5xWc7Rk2LmZ9sT4uH6dA' })
  refreshToken!: string;
}
