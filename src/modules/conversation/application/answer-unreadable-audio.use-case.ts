import { Injectable, Logger } from '@nestjs/common';
import { aiMayAnswer } from '../domain/conversation-state';
import { HANDOFF_REASONS } from '../domain/handoff';
import { ConversationLocator } from './conversation-locator';
import { HandOffConversation } from './hand-off-conversation';
import { MessageRepository } from './ports/message.repository.port';
import { ReplyPublisher } from './reply-publisher';

export interface UnreadableAudioCommand {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** The tenant's choice: ask the customer to type (once per conversation), or hand the chat to a person. */
  fallback: 'ask_to_type' | 'handoff';
  /** What the customer is told when asked to type. */
  notice: string;
}

export type UnreadableAudioOutcome = 'asked_to_type' | 'already_asked' | 'handed_off' | 'not_for_the_ai';

/** A voice note nobody could transcribe: never left unanswered without a reason. */
@Injectable()
export class AnswerUnreadableAudio {
  private readonly logger = new Logger(AnswerUnreadableAudio.name);

  constructor(
    private readonly locator: ConversationLocator,
    private readonly messages: MessageRepository,
    private readonly publisher: ReplyPublisher,
    private readonly handoff: HandOffConversation,
  ) {}

  async execute(command: UnreadableAudioCommand): Promise<UnreadableAudioOutcome> {
    const found = await this.messages.findById(command.tenantId, command.inboundMessageId);
    if (!found || found.direction !== 'inbound' || found.processedAt) return 'not_for_the_ai';
    const { tenant, conversation, inbound } = await this.locator.locate(found);
    // A person already owns the chat (or the tenant is suspended): they see the voice note in the console.
    if (!tenant?.active || !aiMayAnswer(conversation.state)) {
      await this.publisher.markHandled(inbound);
      return 'not_for_the_ai';
    }
    const context = { conversation, inbound, correlationId: command.correlationId };
    if (command.fallback === 'handoff') {
      await this.handoff.toHuman(context, HANDOFF_REASONS.audioNotUnderstood, { type: 'system' });
      return 'handed_off';
    }
    const told = await this.publisher.publish({
      ...context,
      conversationId: conversation.id,
      author: 'system',
      text: command.notice,
      audit: null,
      onlyWhileAiOwned: true,
      onlyOnceInConversation: true,
    });
    this.logger.log({ conversationId: conversation.id, messageId: inbound.id, told }, 'voice note not understood; the customer was asked to type');
    return told ? 'asked_to_type' : 'already_asked';
  }
}
