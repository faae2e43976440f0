import { Injectable, Logger } from '@nestjs/common';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import { ConversationLocator } from './conversation-locator';
import { MessageRepository } from './ports/message.repository.port';

/**
 * A message over the contact's inbound limit: stored and shown to the consoles (marked throttled),
 * never sent to the AI; the contact records until when it is throttled and how often it was.
 */
@Injectable()
export class LeaveThrottledInbound {
  private readonly logger = new Logger(LeaveThrottledInbound.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly locator: ConversationLocator,
    private readonly directory: TenantDirectory,
  ) {}

  async execute(tenantId: string, messageId: string, throttledUntil: Date): Promise<void> {
    // Marked (and handled) first, so a run answering the contact's burst meanwhile leaves it out.
    await this.messages.markThrottled(tenantId, messageId);
    const message = await this.messages.findById(tenantId, messageId);
    if (!message) return;
    const { contact, conversation } = await this.locator.locate(message);
    await this.directory.recordThrottled(tenantId, contact.id, throttledUntil);
    this.logger.warn({ conversationId: conversation.id, messageId, throttledUntil: throttledUntil.toISOString() }, 'inbound over the contact limit: stored, not answered');
  }
}
