import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { E164 } from '../../domain/whatsapp-address';

const E164_MESSAGE = 'must be a phone number in E.164 format, e.g. +5511999990000';

export class SimulateInboundRequestDto {
  @ApiProperty({ description: 'The sandbox number written to, in E.164', pattern: E164.source, example: '+15550001000' })
  @Matches(E164, { message: `to ${E164_MESSAGE}` })
  to!: string;

  @ApiProperty({ description: 'The WhatsApp user played, in E.164', pattern: E164.source, example: '+5511999990000' })
  @Matches(E164, { message: `from ${E164_MESSAGE}` })
  from!: string;

  @ApiProperty({ description: 'The message text', minLength: 1, maxLength: 1600, example: 'Olá, bom dia!' })
  @IsString() @MinLength(1) @MaxLength(1600)
  body!: string;

  @ApiPropertyOptional({ description: "The user's WhatsApp profile name", maxLength: 100, example: 'Maria' })
  @IsOptional() @IsString() @MaxLength(100)
  profileName?: string;

  @ApiPropertyOptional({ description: 'How long to wait for the reply before answering, in ms (0: do not wait)', type: 'integer', minimum: 0, maximum: 30000, default: 10000, example: 10000 })
  @IsOptional() @IsInt() @Min(0) @Max(30000)
  waitMs = 10000;
}

export class SandboxRepliesQueryDto {
  @ApiProperty({ description: 'The sandbox number, in E.164', pattern: E164.source, example: '+15550001000' })
  @Matches(E164, { message: `number ${E164_MESSAGE}` })
  number!: string;

  @ApiPropertyOptional({ description: 'Only replies to this WhatsApp user, in E.164', pattern: E164.source, example: '+5511999990000' })
  @IsOptional() @Matches(E164, { message: `contact ${E164_MESSAGE}` })
  contact?: string;

  @ApiPropertyOptional({ description: 'How many replies at most', type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit = 50;
}

export class SandboxMessageResponseDto {
  @ApiProperty({ description: 'The Message SID the sandbox gave it', example: 'SM0123456789abcdef0123456789abcdef' })
  sid!: string;

  @ApiProperty({ description: 'The sandbox number, as a WhatsApp address', example: 'whatsapp:+15550001000' })
  from!: string;

  @ApiProperty({ description: 'The WhatsApp user, as a WhatsApp address', example: 'whatsapp:+5511999990000' })
  to!: string;

  @ApiProperty({ example: 'Olá! Como posso ajudar?' })
  body!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:01.000Z' })
  createdAt!: string;
}

export class SandboxRepliesResponseDto {
  @ApiProperty({ type: [SandboxMessageResponseDto] })
  items!: SandboxMessageResponseDto[];
}

export class SimulateInboundResponseDto {
  @ApiProperty({ description: 'The MessageSid of the inbound message posted to the webhook', example: 'SM89abcdef0123456789abcdef01234567' })
  messageSid!: string;

  @ApiProperty({ description: "The webhook's HTTP status (200 when the message was taken)", type: 'integer', example: 200 })
  webhookStatus!: number;

  @ApiPropertyOptional({
    description: 'The replies sent to this user within waitMs; absent when waitMs is 0 or the webhook refused the message',
    type: [SandboxMessageResponseDto],
  })
  replies?: SandboxMessageResponseDto[];
}
