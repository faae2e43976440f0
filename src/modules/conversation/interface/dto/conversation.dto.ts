import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { enumValues } from '@core/http/enum-values';
import { CONVERSATION_STATES, type ConversationState } from '../../domain/conversation-state';
import type { MessageAuthor, MessageDirection, MessageKind, MessageStatus } from '../../domain/message';
import { MESSAGE_KINDS, MessageLocationDto, MessageMediaDto } from './message-content.dto';
import { MessagePartDto } from './message-delivery.dto';

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

/** 'me', 'none' or a staff id. */
const ASSIGNED_TO = /^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export class ListConversationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only conversations in this state', enum: CONVERSATION_STATES, example: 'ACTIVE' })
  @IsOptional() @IsIn(CONVERSATION_STATES)
  state?: ConversationState;

  @ApiPropertyOptional({ description: "Only the caller's conversations (me), unassigned ones (none), or a staff member's (their id)", example: 'me' })
  @IsOptional() @IsString() @Matches(ASSIGNED_TO, { message: 'assignedTo must be me, none or a staff id (uuid)' })
  assignedTo?: string;
}

export class ConversationIdParamDto {
  @ApiProperty({ description: 'The conversation id', format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @IsUUID()
  id!: string;
}

export class ContactSummaryDto {
  @ApiProperty({ format: 'uuid', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  id!: string;

  @ApiProperty({ description: 'E.164', example: '+5511999990000' })
  phoneNumber!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "The name the tenant gave the contact, else its WhatsApp profile name", example: 'Maria Silva' })
  name!: string | null;
}

export class AssigneeDto {
  @ApiProperty({ format: 'uuid', example: '5e8f2a1b-3c4d-4e5f-8a6b-7c8d9e0f1a2b' })
  id!: string;

  @ApiProperty({ description: 'Their name, or their e-mail when they have none', example: 'Ana Souza' })
  name!: string;

  @ApiProperty({ example: 'ana@barbearia.example' })
  email!: string;
}

export class StaffNameDto {
  @ApiProperty({ format: 'uuid', example: '5e8f2a1b-3c4d-4e5f-8a6b-7c8d9e0f1a2b' })
  id!: string;

  @ApiProperty({ description: 'Their name, or their e-mail when they have none', example: 'Ana Souza' })
  name!: string;
}

export class ConversationResponseDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id!: string;

  @ApiProperty({ enum: CONVERSATION_STATES, description: 'HANDOFF_PENDING and HUMAN_ACTIVE get no AI reply', example: 'HUMAN_ACTIVE' })
  state!: ConversationState;

  @ApiProperty({ type: ContactSummaryDto, description: 'The customer' })
  contact!: ContactSummaryDto;

  @ApiProperty({ type: AssigneeDto, nullable: true, description: 'The staff member handling it, if any' })
  assignedTo!: AssigneeDto | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Why a person was asked for (customer_requested, plan_limit_reached, staff_requested, …)', example: 'customer_requested' })
  handoffReason!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When it entered the queue (or a person took it from the AI)', example: '2025-01-15T12:00:02.000Z' })
  handoffAt!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:01.000Z' })
  lastMessageAt!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null })
  closedAt!: string | null;

  @ApiProperty({ format: 'uuid', example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' })
  whatsappNumberId!: string;
}

export class ConversationListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [ConversationResponseDto] })
  items!: ConversationResponseDto[];
}

export class MessageResponseDto {
  @ApiProperty({ format: 'uuid', example: '9b2c4d6e-8f01-4a23-b456-c789d0e1f234' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  conversationId!: string | null;

  @ApiProperty({ enum: DIRECTIONS, example: 'inbound' })
  direction!: MessageDirection;

  @ApiProperty({ enum: AUTHORS, example: 'contact' })
  author!: MessageAuthor;

  @ApiProperty({ example: 'Olá, bom dia!' })
  body!: string;

  @ApiProperty({ enum: STATUSES, description: "received or pending first, then Twilio's statuses for outbound messages", example: 'received' })
  status!: MessageStatus;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's error code when sending failed", example: null })
  errorCode!: string | null;

  @ApiProperty({ type: StaffNameDto, nullable: true, description: 'The staff member who wrote an agent reply' })
  sentBy!: StaffNameDto | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'WhatsApp address of the sender', example: 'whatsapp:+5511999990000' })
  from!: string;

  @ApiProperty({ description: 'WhatsApp address of the recipient', example: 'whatsapp:+15550001000' })
  to!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's Message SID, once known", example: 'SM0123456789abcdef0123456789abcdef' })
  providerSid!: string | null;

  @ApiProperty({ enum: MESSAGE_KINDS, description: 'What an inbound message is; the body holds a readable description of media, a location or a button reply', example: 'text' })
  kind!: MessageKind;

  @ApiProperty({ type: [MessageMediaDto], description: 'Attachments (MediaUrlN / MediaContentTypeN)' })
  media!: MessageMediaDto[];

  @ApiProperty({ type: 'string', nullable: true, description: "A voice note's transcript (also its body once transcribed)", example: null })
  transcript!: string | null;

  @ApiProperty({ type: MessageLocationDto, nullable: true, description: 'A shared location' })
  location!: MessageLocationDto | null;

  @ApiProperty({ description: "An inbound message stored over the contact's inbound limit per minute (channel settings): never sent to the AI, not answered", example: false })
  throttled!: boolean;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When Twilio reported the outbound message sent (status callback)', example: '2025-01-15T12:00:01.000Z' })
  sentAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: "When it reached the customer's phone", example: '2025-01-15T12:00:02.000Z' })
  deliveredAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the customer read it (if they share read receipts)', example: null })
  readAt!: string | null;

  @ApiProperty({
    type: [MessagePartDto],
    description: "A body over WhatsApp's 1,600 characters is sent as these parts, in order; the message's status then follows them: failed if any part failed, else the least advanced. Empty for a message sent whole",
  })
  parts!: MessagePartDto[];
}

export class MessageListResponseDto {
  @ApiProperty({ type: [MessageResponseDto], description: 'Oldest first' })
  items!: MessageResponseDto[];
}
