import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { CONVERSATION_STATES, type ConversationState } from '../../domain/conversation-state';
import type { NoteKind } from '../../domain/conversation-note';
import { StaffNameDto } from './conversation.dto';

/** Not only spaces. */
const SOME_TEXT = /\S/;

export class RequestHandoffRequestDto {
  @ApiPropertyOptional({ description: 'Why a person should take over (recorded on the conversation and its event)', maxLength: 200, example: 'refund over the AI limit' })
  @IsOptional() @IsString() @Length(1, 200)
  reason?: string;
}

export class AssignConversationRequestDto {
  @ApiPropertyOptional({
    description: 'Transfer to this active staff member of the tenant (the assignee or a tenant admin only). Without it, the caller claims the conversation.',
    format: 'uuid',
    example: '5e8f2a1b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
  })
  @IsOptional() @IsUUID()
  staffId?: string;
}

export class ReleaseConversationRequestDto {
  @ApiPropertyOptional({ description: 'A note for the AI (and the team): it reads it as context from now on', maxLength: 4000, example: 'Refund approved; the customer will get it in 5 days.' })
  @IsOptional() @IsString() @Length(1, 4000) @Matches(SOME_TEXT, { message: 'note must not be blank' })
  note?: string;
}

export class SendReplyRequestDto {
  @ApiPropertyOptional({
    description: 'The text sent to the customer on WhatsApp; required unless templateId is given (then it is only what the console shows, the template\'s preview by default)',
    minLength: 1,
    maxLength: 4096,
    example: 'Olá Maria, aqui é a Ana. Vou resolver isso para você.',
  })
  @ValidateIf((o: SendReplyRequestDto) => o.templateId === undefined || o.body !== undefined)
  @IsString() @Length(1, 4096) @Matches(SOME_TEXT, { message: 'body must not be blank' })
  body?: string;

  @ApiPropertyOptional({
    description:
      'Send this approved WhatsApp template (GET /api/v1/whatsapp-templates) instead of free text, e.g. more than 24 hours after the customer\'s last message. ' +
      'Without it, outside the 24-hour window the tenant\'s enabled reopen_conversation template is used, or the reply is refused (422 CHANNEL.OUTSIDE_WINDOW)',
    format: 'uuid',
    example: '2f1e3d4c-5b6a-4789-8a0b-1c2d3e4f5a6b',
  })
  @IsOptional() @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Values of the template's variables by key, every one of them (422 CHANNEL.TEMPLATE_UNUSABLE otherwise); only with templateId",
    example: { '1': 'Maria' },
  })
  @IsOptional() @IsObject()
  variables?: Record<string, string>;
}

export class AddNoteRequestDto {
  @ApiProperty({ description: 'Internal: seen by the team only, never sent to the customer', minLength: 1, maxLength: 4000, example: 'Cliente VIP, oferecer frete grátis.' })
  @IsString() @Length(1, 4000) @Matches(SOME_TEXT, { message: 'body must not be blank' })
  body!: string;
}

export class NoteResponseDto {
  @ApiProperty({ format: 'uuid', example: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  conversationId!: string;

  @ApiProperty({ enum: ['note', 'release'], description: 'release: written when giving the conversation back to the AI, which reads it', example: 'note' })
  kind!: NoteKind;

  @ApiProperty({ example: 'Cliente VIP, oferecer frete grátis.' })
  body!: string;

  @ApiProperty({ type: StaffNameDto, nullable: true, description: 'Null once the author was deleted' })
  author!: StaffNameDto | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:05:00.000Z' })
  createdAt!: string;
}

export class NoteListResponseDto {
  @ApiProperty({ type: [NoteResponseDto], description: 'Oldest first' })
  items!: NoteResponseDto[];
}

export class EventActorDto {
  @ApiProperty({ enum: ['system', 'ai', 'contact', 'staff'], example: 'staff' })
  type!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The staff member, for staff', example: '5e8f2a1b-3c4d-4e5f-8a6b-7c8d9e0f1a2b' })
  id!: string | null;
}

export class ConversationEventResponseDto {
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  conversationId!: string;

  @ApiProperty({ enum: ['transition', 'assignment'], description: 'assignment: the assignee changed and the state stayed (a transfer)', example: 'transition' })
  kind!: 'transition' | 'assignment';

  @ApiProperty({ enum: CONVERSATION_STATES, example: 'HANDOFF_PENDING' })
  from!: ConversationState;

  @ApiProperty({ enum: CONVERSATION_STATES, example: 'HUMAN_ACTIVE' })
  to!: ConversationState;

  @ApiProperty({ type: EventActorDto, description: 'Who made the change' })
  actor!: EventActorDto;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Who got the conversation, when the change assigned it', example: '5e8f2a1b-3c4d-4e5f-8a6b-7c8d9e0f1a2b' })
  assigneeId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'claimed' })
  reason!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:05:00.000Z' })
  createdAt!: string;
}

export class ConversationEventListResponseDto {
  @ApiProperty({ type: [ConversationEventResponseDto], description: 'Oldest first' })
  items!: ConversationEventResponseDto[];
}
