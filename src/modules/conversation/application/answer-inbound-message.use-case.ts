import { Injectable, Logger } from '@nestjs/common';
import { aiMayAnswer } from '../domain/conversation-state';
import type { MessageAuthor } from '../domain/message';
import { ConversationLocator } from './conversation-locator';
import { HandOffConversation } from './hand-off-conversation';
import { AiReply, AiRequest, AiResponder } from './ports/ai-responder.port';
import { MessageRepository } from './ports/message.repository.port';
import { ReplyPublisher } from './reply-publisher';

export interface AnswerInboundCommand {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** On the job's last attempt an AI failure is answered with a polite fallback instead of a retry. */
  isLastAttempt: boolean;
  /** Only the first attempt reserves an AI reply from the plan; retries reuse that reservation. */
  isFirstAttempt: boolean;
}

/** The process_ai_response job: contact, conversation, plan, context, AI, one stored and sent reply. */
@Injectable()
export class AnswerInboundMessage {
  private readonly logger = new Logger(AnswerInboundMessage.name);

  constructor(
    private readonly locator: ConversationLocator,
    private readonly messages: MessageRepository,
    private readonly ai: AiResponder,
    private readonly publisher: ReplyPublisher,
    private readonly handoff: HandOffConversation,
  ) {}

  async execute(command: AnswerInboundCommand): Promise<void> {
    const found = await this.messages.findById(command.tenantId, command.inboundMessageId);
    if (!found || found.direction !== 'inbound') {
      this.logger.warn({ messageId: command.inboundMessageId }, 'inbound message not found; job dropped');
      return;
    }
    if (found.processedAt) return this.publisher.redispatchUnsent(found, command.correlationId);

    const { tenant, contact, conversation, inbound } = await this.locator.locate(found);
    if (!tenant?.active || !aiMayAnswer(conversation.state)) {
      await this.publisher.markHandled(inbound);
      this.logger.log({ conversationId: conversation.id, state: conversation.state }, 'stored without an AI answer');
      return;
    }
    const context = { conversation, inbound, correlationId: command.correlationId };
    if (await this.handoff.ifPlanExhausted(context, command.isFirstAttempt)) return;

    const { reply, author } = await this.ask(
      {
        tenantId: command.tenantId,
        tenantName: tenant.name,
        conversationId: conversation.id,
        contact,
        inbound: { messageId: inbound.id, body: inbound.body, at: inbound.createdAt },
      },
      command.isLastAttempt,
    );
    if (reply.handoff) return this.handoff.toHuman(context, reply.handoff.reason, { type: author === 'ai' ? 'ai' : 'system' }, { text: reply.text, audit: reply.audit, author });
    const published = await this.publisher.publish({ ...context, conversationId: conversation.id, author, text: reply.text, audit: reply.audit, onlyWhileAiOwned: true });
    if (!published) this.logger.warn({ messageId: inbound.id }, 'another run answered this message, or a person took over; reply discarded');
  }

  /** Earlier attempts rethrow so the queue retries with backoff; the last one never leaves the customer unanswered. */
  private async ask(request: AiRequest, isLastAttempt: boolean): Promise<{ reply: AiReply; author: Extract<MessageAuthor, 'ai' | 'system'> }> {
    try {
      const reply = await this.ai.respond(request);
      return { reply, author: reply.author ?? 'ai' };
    } catch (error) {
      if (!isLastAttempt) throw error;
      this.logger.error({ conversationId: request.conversationId, err: error }, 'AI failed on the last attempt; sending the fallback reply');
      return { reply: this.ai.fallback(request, error), author: 'system' };
    }
  }
}
