import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CONVERSATION_STATES, type ConversationState } from '../../domain/conversation-state';

export class ListConversationsQueryDto {
  @IsOptional() @IsIn(CONVERSATION_STATES)
  state?: ConversationState;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit = 20;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

export class ConversationIdParamDto {
  @IsUUID()
  id!: string;
}

export class ConversationResponseDto {
  id!: string;
  state!: ConversationState;
  contactId!: string;
  whatsappNumberId!: string;
  assignedTo!: string | null;
  lastMessageAt!: string;
  createdAt!: string;
}

export class ConversationListResponseDto {
  items!: ConversationResponseDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class MessageResponseDto {
  id!: string;
  direction!: string;
  author!: string;
  body!: string;
  status!: string;
  from!: string;
  to!: string;
  providerSid!: string | null;
  errorCode!: string | null;
  createdAt!: string;
}
