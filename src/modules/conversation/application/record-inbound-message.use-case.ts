import { Injectable } from '@nestjs/common';
import { fitToColumn } from '@core/text/storable-text';
import { admitInbound, InboundAdmission, isTwilioMessageSid } from '../domain/inbound-dedupe';
import { InvalidMessageSidError } from '../domain/conversation.errors';
import { MESSAGE_COLUMNS } from '../domain/message';
import { MessageRepository, NewInboundMessage } from './ports/message.repository.port';

/** Stores an inbound delivery once (dedupe by provider message id); addresses too long for their column are stored cut. */
@Injectable()
export class RecordInboundMessage {
  constructor(private readonly messages: MessageRepository) {}

  async execute(message: NewInboundMessage): Promise<{ messageId: string; admission: InboundAdmission }> {
    if (!isTwilioMessageSid(message.providerSid)) throw new InvalidMessageSidError();
    const stored = await this.messages.insertInboundOnce({
      ...message,
      fromAddress: fitToColumn(message.fromAddress, MESSAGE_COLUMNS.address),
      toAddress: fitToColumn(message.toAddress, MESSAGE_COLUMNS.address),
    });
    return { messageId: stored.id, admission: admitInbound(stored) };
  }

  /** Marks a stored message handled with no answer (its number is disabled); false if it already was. */
  leaveUnanswered(tenantId: string, messageId: string): Promise<boolean> {
    return this.messages.markProcessed(tenantId, messageId);
  }
}
