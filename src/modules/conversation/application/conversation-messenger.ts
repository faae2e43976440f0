import { Injectable } from '@nestjs/common';
import type { Message } from '../domain/message';
import { ConversationNotifier } from './conversation-notifier';
import type { MessageRecord } from './ports/conversation-reader.port';
import { MessageRepository, NewOutboundMessage } from './ports/message.repository.port';
import { OutboundDispatcher } from './ports/outbound-dispatcher.port';

/** Messages to the customer: stored, shown to the tenant's consoles, and handed to the send queue. */
@Injectable()
export class ConversationMessenger {
  constructor(
    private readonly messages: MessageRepository,
    private readonly notifier: ConversationNotifier,
    private readonly outbound: OutboundDispatcher,
  ) {}

  /** A message that answers no particular inbound (an agent's reply, a notice); null when its condition no longer holds. */
  async send(message: NewOutboundMessage): Promise<MessageRecord | null> {
    const stored = await this.messages.storeOutbound(message);
    return stored ? this.deliver(stored, message.correlationId) : null;
  }

  /** An outbound message already stored. */
  async deliver(message: Message, correlationId: string): Promise<MessageRecord> {
    const record = await this.notifier.messageStored(message.tenantId, message.id);
    await this.outbound.dispatch({ tenantId: message.tenantId, messageId: message.id, correlationId });
    return record ?? { ...message, sender: null };
  }

  /** Idempotent per message: the send queue's job id. */
  redispatch(tenantId: string, messageId: string, correlationId: string): Promise<void> {
    return this.outbound.dispatch({ tenantId, messageId, correlationId });
  }
}
