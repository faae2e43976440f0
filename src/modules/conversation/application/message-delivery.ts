import { Injectable } from '@nestjs/common';
import type { Message } from '../domain/message';
import { MessageRepository, OutboundDelivery } from './ports/message.repository.port';

/** What the channel needs to deliver stored outbound messages and record the outcome. */
@Injectable()
export class MessageDelivery {
  constructor(private readonly messages: MessageRepository) {}

  async outbound(tenantId: string, messageId: string): Promise<Message | null> {
    const message = await this.messages.findById(tenantId, messageId);
    return message?.direction === 'outbound' ? message : null;
  }

  record(tenantId: string, messageId: string, delivery: OutboundDelivery): Promise<void> {
    return this.messages.recordDelivery(tenantId, messageId, delivery);
  }
}
