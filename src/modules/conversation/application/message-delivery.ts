import { Injectable } from '@nestjs/common';
import type { Message } from '../domain/message';
import { ConversationNotifier } from './conversation-notifier';
import { MessageRepository, OutboundDelivery } from './ports/message.repository.port';

/** What the channel needs to deliver stored outbound messages and record the outcome. */
@Injectable()
export class MessageDelivery {
  constructor(
    private readonly messages: MessageRepository,
    private readonly notifier: ConversationNotifier,
  ) {}

  async outbound(tenantId: string, messageId: string): Promise<Message | null> {
    const message = await this.messages.findById(tenantId, messageId);
    return message?.direction === 'outbound' ? message : null;
  }

  /** Records the outcome and shows the new status to the consoles. */
  async record(tenantId: string, messageId: string, delivery: OutboundDelivery): Promise<void> {
    await this.messages.recordDelivery(tenantId, messageId, delivery);
    await this.notifier.deliveryChanged(tenantId, messageId);
  }
}
