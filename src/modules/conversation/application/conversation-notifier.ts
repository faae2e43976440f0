import { Injectable, Logger } from '@nestjs/common';
import type { ConversationNote } from '../domain/conversation-note';
import { toConversationView, toMessageView, toNoteView } from './conversation-views';
import { ConversationReader, MessageRecord } from './ports/conversation-reader.port';
import { ConversationChange, LiveUpdates } from './ports/live-updates.port';

/**
 * Tells the tenant's consoles what changed, with the same views the REST API returns. Never
 * throws: a console missing an update must not undo or fail the work that caused it.
 */
@Injectable()
export class ConversationNotifier {
  private readonly logger = new Logger(ConversationNotifier.name);

  constructor(
    private readonly reader: ConversationReader,
    private readonly live: LiveUpdates,
  ) {}

  async conversationChanged(tenantId: string, conversationId: string, change: ConversationChange): Promise<void> {
    await this.safely('conversation.updated', async () => {
      const record = await this.reader.conversation(tenantId, conversationId);
      if (record) await this.live.publish(tenantId, { type: 'conversation.updated', conversationId, change, conversation: toConversationView(record) });
    });
  }

  /** Reads the stored message's view, publishes it (once it belongs to a conversation) and returns it. */
  async messageStored(tenantId: string, messageId: string): Promise<MessageRecord | null> {
    let stored: MessageRecord | null = null;
    await this.safely('message.created', async () => {
      stored = await this.reader.message(tenantId, messageId);
      if (stored?.conversationId) {
        await this.live.publish(tenantId, { type: 'message.created', conversationId: stored.conversationId, message: toMessageView(stored) });
      }
    });
    return stored;
  }

  async noteAdded(note: ConversationNote): Promise<void> {
    await this.safely('note.created', () => this.live.publish(note.tenantId, { type: 'note.created', conversationId: note.conversationId, note: toNoteView(note) }));
  }

  async deliveryChanged(tenantId: string, messageId: string): Promise<void> {
    await this.safely('message.status', async () => {
      const message = await this.reader.message(tenantId, messageId);
      if (!message?.conversationId) return;
      const { status, errorCode, sentAt, deliveredAt, readAt } = toMessageView(message);
      await this.live.publish(tenantId, { type: 'message.status', conversationId: message.conversationId, messageId, status, errorCode, sentAt, deliveredAt, readAt });
    });
  }

  private async safely(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error }, `live update ${what} not published`);
    }
  }
}
