import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import type { ConversationNote } from '../domain/conversation-note';
import { ConversationNotFoundError } from '../domain/conversation.errors';
import { ConversationNotes } from './ports/conversation-notes.port';
import { ConversationEvent, ConversationListFilter, ConversationReader, ConversationRecord, MessageRecord } from './ports/conversation-reader.port';

const MAX_MESSAGES = 500;

/** Read side for staff: always scoped to the caller's tenant; another tenant's id is a 404. */
@Injectable()
export class ConversationQueries {
  constructor(
    private readonly reader: ConversationReader,
    private readonly notes: ConversationNotes,
  ) {}

  list(tenantId: string, filter: ConversationListFilter): Promise<Page<ConversationRecord>> {
    return this.reader.list(tenantId, filter);
  }

  /** The handoff queue: waiting for a person, the longest waiting first. */
  queue(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ConversationRecord>> {
    return this.reader.queue(tenantId, page);
  }

  async get(tenantId: string, conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.reader.conversation(tenantId, conversationId);
    if (!conversation) throw new ConversationNotFoundError();
    return conversation;
  }

  async messagesOf(tenantId: string, conversationId: string, limit = MAX_MESSAGES): Promise<MessageRecord[]> {
    await this.get(tenantId, conversationId);
    return this.reader.messages(tenantId, conversationId, Math.min(limit, MAX_MESSAGES));
  }

  async notesOf(tenantId: string, conversationId: string): Promise<ConversationNote[]> {
    await this.get(tenantId, conversationId);
    return this.notes.list(tenantId, conversationId);
  }

  async eventsOf(tenantId: string, conversationId: string): Promise<ConversationEvent[]> {
    await this.get(tenantId, conversationId);
    return this.reader.events(tenantId, conversationId);
  }
}
