import { Injectable } from '@nestjs/common';
import { ConversationLocator } from './conversation-locator';
import { MessageRepository } from './ports/message.repository.port';
import { ReplyPublisher } from './reply-publisher';

export interface NoticeCommand {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** The fixed text the customer gets instead of an AI answer (an opt-out confirmation). */
  text: string | null;
}

/**
 * Answers an inbound with a fixed system text instead of the AI, whoever owns the conversation
 * (the channel's own commands, such as opting out): the message is attached to its contact and
 * conversation like any other, the notice stored as its one answer and sent. Without a text the
 * inbound is just marked handled. False when it was already handled.
 */
@Injectable()
export class AnswerWithNotice {
  constructor(
    private readonly messages: MessageRepository,
    private readonly locator: ConversationLocator,
    private readonly publisher: ReplyPublisher,
  ) {}

  async execute(command: NoticeCommand): Promise<boolean> {
    const found = await this.messages.findById(command.tenantId, command.inboundMessageId);
    if (!found || found.direction !== 'inbound' || found.processedAt) return false;
    const { conversation, inbound } = await this.locator.locate(found);
    if (command.text === null) return this.publisher.markHandled(inbound);
    return this.publisher.publish({ inbound, conversationId: conversation.id, author: 'system', text: command.text, audit: null, correlationId: command.correlationId });
  }
}
