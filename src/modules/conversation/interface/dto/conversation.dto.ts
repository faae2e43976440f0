import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { enumValues } from '@core/http/enum-values';
import { CONVERSATION_STATES, type ConversationState } from '../../domain/conversation-state';
import type { MessageAuthor, MessageDirection, MessageStatus } from '../../domain/message';

const DIRECTIONS = enumValues<MessageDirection>({ inbound: true, outbound: true });
const AUTHORS = enumValues<MessageAuthor>({ contact: true, ai: true, agent: true, system: true });
const STATUSES = enumValues<MessageStatus>({
  received: true,
  pending: true,
  accepted: true,
  queued: true,
  sending: true,
  sent: true,
  delivered: true,
  read: true,
  failed: true,
  undelivered: true,
});

export class ListConversationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only conversations in this state', enum: CONVERSATION_STATES, example: 'ACTIVE' })
  @IsOptional() @IsIn(CONVERSATION_STATES)
  state?: ConversationState;
}

export class ConversationIdParamDto {
  @ApiProperty({ description: 'The conversation id', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsUUID()
  id!: string;
}

export class ConversationResponseDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id!: string;

  @ApiProperty({ enum: CONVERSATION_STATES, description: 'HANDOFF_PENDING and HUMAN_ACTIVE get no AI reply', example: 'ACTIVE' })
  state!: ConversationState;

  @ApiProperty({ format: 'uuid', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  contactId!: string;

  @ApiProperty({ format: 'uuid', example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' })
  whatsappNumberId!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The staff user handling it, if any', example: null })
  assignedTo!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:01.000Z' })
  lastMessageAt!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;
}

export class ConversationListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [ConversationResponseDto] })
  items!: ConversationResponseDto[];
}

export class MessageResponseDto {
  @ApiProperty({ format: 'uuid', example: '9b2c4d6e-8f01-4a23-b456-c789d0e1f234' })
  id!: string;

  @ApiProperty({ enum: DIRECTIONS, example: 'inbound' })
  direction!: string;

  @ApiProperty({ enum: AUTHORS, example: 'contact' })
  author!: string;

  @ApiProperty({ example: 'Olá, bom dia!' })
  body!: string;

  @ApiProperty({ enum: STATUSES, description: "received or pending first, then Twilio's statuses for outbound messages", example: 'received' })
  status!: string;

  @ApiProperty({ description: 'WhatsApp address of the sender', example: 'whatsapp:+5511999990000' })
  from!: string;

  @ApiProperty({ description: 'WhatsApp address of the recipient', example: 'whatsapp:+15550001000' })
  to!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's Message SID, once known", example: 'SM0123456789abcdef0123456789abcdef' })
  providerSid!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's error code when sending failed", example: null })
  errorCode!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;
}

export class MessageListResponseDto {
  @ApiProperty({ type: [MessageResponseDto], description: 'Oldest first' })
  items!: MessageResponseDto[];
}
