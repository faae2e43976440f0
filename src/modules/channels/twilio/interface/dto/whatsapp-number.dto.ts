import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { enumValues } from '@core/http/enum-values';
import { PageMetaDto } from '@core/http/pagination.dto';
import type { WhatsappNumberStatus } from '../../domain/whatsapp-number';
import { E164 } from '../../domain/whatsapp-address';

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

export const NUMBER_NOT_FOUND = "No such number in the caller's tenant (code TWILIO.NUMBER_NOT_FOUND)";

export class RegisterWhatsappNumberRequestDto {
  @ApiProperty({ description: 'The WhatsApp sender in E.164', pattern: E164.source, example: '+5511999990000' })
  @Matches(E164, { message: 'phoneNumber must be in E.164 format, e.g. +5511999990000' })
  phoneNumber!: string;

  @ApiPropertyOptional({
    description: 'SID of the Twilio account (or subaccount) that owns the number; required unless sandbox is true (422 otherwise)',
    pattern: ACCOUNT_SID.source,
    example: 'AC0123456789abcdef0123456789abcdef',
  })
  @IsOptional() @Matches(ACCOUNT_SID, { message: 'twilioAccountSid must look like AC followed by 32 hex characters' })
  twilioAccountSid?: string;

  @ApiPropertyOptional({
    description: "That account's auth token; required unless sandbox is true. Stored encrypted, never returned",
    minLength: 16,
    maxLength: 128,
    format: 'password',
    writeOnly: true,
    example: '0123456789abcdef0123456789abcdef',
  })
  @IsOptional() @IsString() @MinLength(16) @MaxLength(128)
  twilioAuthToken?: string;

  @ApiPropertyOptional({ description: 'A sandbox number needs no Twilio account: its messages go to the built-in sandbox', default: false, example: false })
  @IsOptional() @IsBoolean()
  sandbox?: boolean;
}

export class WhatsappNumberResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ pattern: E164.source, example: '+5511999990000' })
  phoneNumber!: string;

  @ApiProperty({ description: 'For a sandbox number, a made-up SID', pattern: ACCOUNT_SID.source, example: 'AC0123456789abcdef0123456789abcdef' })
  twilioAccountSid!: string;

  @ApiProperty({ example: false })
  sandbox!: boolean;

  @ApiProperty({
    description: "disabled: inbound messages are still checked and stored but not answered, and nothing is sent from the number",
    enum: enumValues<WhatsappNumberStatus>({ active: true, disabled: true }),
    example: 'active',
  })
  status!: WhatsappNumberStatus;

  @ApiProperty({ description: 'Where to point the number\'s "a message comes in" webhook (HTTP POST) in Twilio\'s console', format: 'uri', example: 'https://atende.example.com/webhooks/twilio/inbound' })
  webhookUrl!: string;

  @ApiProperty({
    description: "Where Twilio posts delivery statuses: Atende passes it with every message it sends, so nothing needs setting in Twilio's console",
    format: 'uri',
    example: 'https://atende.example.com/webhooks/twilio/status',
  })
  statusCallbackUrl!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'Messages go out through this Twilio Messaging Service instead of From', pattern: MESSAGING_SERVICE_SID.source, example: null })
  messagingServiceSid!: string | null;

  @ApiProperty({ description: 'At most this many messages a second leave from the number (all workers together)', minimum: 1, maximum: 400, example: 10 })
  sendRatePerSecond!: number;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;
}

export class WhatsappNumberListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [WhatsappNumberResponseDto] })
  items!: WhatsappNumberResponseDto[];
}

export class UpdateWhatsappNumberRequestDto {
  @ApiPropertyOptional({
    description: 'A new Twilio account SID (a real number only: 422 for a sandbox number)',
    pattern: ACCOUNT_SID.source,
    example: 'AC0123456789abcdef0123456789abcdef',
  })
  @IsOptional() @Matches(ACCOUNT_SID, { message: 'twilioAccountSid must look like AC followed by 32 hex characters' })
  twilioAccountSid?: string;

  @ApiPropertyOptional({
    description: 'A new auth token (rotation): stored encrypted, never returned. From then on webhooks signed with the old token are refused (403)',
    minLength: 16,
    maxLength: 128,
    format: 'password',
    writeOnly: true,
    example: 'fedcba9876543210fedcba9876543210',
  })
  @IsOptional() @IsString() @MinLength(16) @MaxLength(128)
  twilioAuthToken?: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Send through this Twilio Messaging Service (its sender pool) instead of the number as From; null goes back to From. Not for a sandbox number (422)',
    pattern: MESSAGING_SERVICE_SID.source,
    example: 'MG0123456789abcdef0123456789abcdef',
  })
  @IsOptional() @Matches(MESSAGING_SERVICE_SID, { message: 'messagingServiceSid must look like MG followed by 32 hex characters, or be null' })
  messagingServiceSid?: string | null;

  @ApiPropertyOptional({ description: "Messages a second this number may send, shared by all workers (Twilio's limit for the sender)", minimum: 1, maximum: 400, example: 10 })
  @IsOptional() @IsInt() @Min(1) @Max(400)
  sendRatePerSecond?: number;
}
