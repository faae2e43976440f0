import type { Conversation } from '../../domain/conversation';
import type { Message } from '../../domain/message';
import type { ConversationResponseDto, MessageResponseDto } from './conversation.dto';

export function toConversationResponse(c: Conversation): ConversationResponseDto {
  return {
    id: c.id,
    state: c.state,
    contactId: c.contactId,
    whatsappNumberId: c.whatsappNumberId,
    assignedTo: c.assignedTo,
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  };
}

export function toMessageResponse(m: Message): MessageResponseDto {
  return {
    id: m.id,
    direction: m.direction,
    author: m.author,
    body: m.body,
    status: m.status,
    from: m.fromAddress,
    to: m.toAddress,
    providerSid: m.providerSid,
    errorCode: m.errorCode,
    createdAt: m.createdAt.toISOString(),
  };
}
