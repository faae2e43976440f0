import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const E164 = /^\+[1-9]\d{6,14}$/;
const E164_MESSAGE = 'must be a phone number in E.164 format, e.g. +5511999990000';

export class SimulateInboundRequestDto {
  @Matches(E164, { message: `to ${E164_MESSAGE}` })
  to!: string;

  @Matches(E164, { message: `from ${E164_MESSAGE}` })
  from!: string;

  @IsString() @MinLength(1) @MaxLength(1600)
  body!: string;

  @IsOptional() @IsString() @MaxLength(100)
  profileName?: string;

  /** How long to wait for the reply before answering (0: do not wait). */
  @IsOptional() @IsInt() @Min(0) @Max(30000)
  waitMs = 10000;
}

export class SandboxRepliesQueryDto {
  @Matches(E164, { message: `number ${E164_MESSAGE}` })
  number!: string;

  @IsOptional() @Matches(E164, { message: `contact ${E164_MESSAGE}` })
  contact?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit = 50;
}
