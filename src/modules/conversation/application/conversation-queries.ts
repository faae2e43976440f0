import { Injectable } from '@nestjs/common';
import type { Conversation } from '../domain/conversation';
import type { ConversationState } from '../domain/conversation-state';
import { ConversationNotFoundError } from '../domain/conversation.errors';
import type { Message } from '../domain/message';
import { ConversationPage, ConversationRepository } from './ports/conversation.repository.port';
import { MessageRepository } from './ports/message.repository.port';

const MAX_MESSAGES = 500;

/** Read side for staff: always scoped to the caller's tenant; another tenant's id is a 404. */
@Injectable()
export class ConversationQueries {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
  ) {}

  list(tenantId: string, filter: { state?: ConversationState; limit: number; offset: number }): Promise<ConversationPage> {
    return this.conversations.list(tenantId, filter);
  }

  async get(tenantId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.conversations.findById(tenantId, conversationId);
    if (!conversation) throw new ConversationNotFoundError();
    return conversation;
  }

  async messagesOf(tenantId: string, conversationId: string, limit = MAX_MESSAGES): Promise<Message[]> {
    await this.get(tenantId, conversationId);
    return this.messages.listForConversation(tenantId, conversationId, { limit: Math.min(limit, MAX_MESSAGES) });
  }
}
