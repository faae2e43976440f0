import { Injectable, Logger } from '@nestjs/common';
import { Burst, burstKey, burstMessages, burstOf } from '../domain/burst';
import { aiMayAnswer } from '../domain/conversation-state';
import type { Message, MessageAuthor } from '../domain/message';
import { ConversationLocator, LocatedInbound } from './conversation-locator';
import { HandOffConversation } from './hand-off-conversation';
import { AiReply, AiRequest, AiResponder } from './ports/ai-responder.port';
import { ConversationRunLock } from './ports/conversation-run-lock.port';
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

/** 'busy': another run holds the conversation; try again shortly (it may answer this message too). */
export type AnswerOutcome = 'done' | 'busy';

type LocatedBurst = LocatedInbound & { earlier: Message[] };

/**
 * The process_ai_response job: contact, conversation, plan, context, AI, one stored and sent reply.
 * One run per conversation at a time (the run lock); a run answers every message of the contact
 * that is still unanswered (a burst) with one AI call and one reply, so replies follow the questions.
 */
@Injectable()
export class AnswerInboundMessage {
  private readonly logger = new Logger(AnswerInboundMessage.name);

  constructor(
    private readonly locator: ConversationLocator,
    private readonly messages: MessageRepository,
    private readonly ai: AiResponder,
    private readonly publisher: ReplyPublisher,
    private readonly handoff: HandOffConversation,
    private readonly lock: ConversationRunLock,
  ) {}

  async execute(command: AnswerInboundCommand): Promise<AnswerOutcome> {
    const found = await this.messages.findById(command.tenantId, command.inboundMessageId);
    if (!found || found.direction !== 'inbound') {
      this.logger.warn({ messageId: command.inboundMessageId }, 'inbound message not found; job dropped');
      return 'done';
    }
    if (found.processedAt) {
      await this.publisher.redispatchUnsent(found, command.correlationId);
      return 'done';
    }
    const lease = await this.lock.tryAcquire(burstKey(found));
    if (!lease) return 'busy';
    try {
      const burst = burstOf(await this.messages.findUnanswered(found.tenantId, found));
      // Not among them: the previous holder's run answered it.
      if (burst && burstMessages(burst).some((m) => m.id === found.id)) await this.answer(burst, command);
    } finally {
      await lease.release();
    }
    return 'done';
  }

  private async answer(burst: Burst<Message>, command: AnswerInboundCommand): Promise<void> {
    const { tenant, contact, conversation, inbound, earlier } = await this.locate(burst);
    if (!tenant?.active || !aiMayAnswer(conversation.state)) {
      await this.publisher.markHandled(inbound, earlier);
      this.logger.log({ conversationId: conversation.id, state: conversation.state }, 'stored without an AI answer');
      return;
    }
    const context = { conversation, inbound, correlationId: command.correlationId, ...(earlier.length > 0 ? { earlier } : {}) };
    if (await this.handoff.ifPlanExhausted(context, command.isFirstAttempt)) return;

    const { reply, author } = await this.ask(
      {
        tenantId: command.tenantId,
        tenantName: tenant.name,
        conversationId: conversation.id,
        contact,
        inbound: turnOf(inbound),
        ...(earlier.length > 0 ? { earlier: earlier.map(turnOf) } : {}),
      },
      command.isLastAttempt,
    );
    if (reply.handoff) return this.handoff.toHuman(context, reply.handoff.reason, { type: author === 'ai' ? 'ai' : 'system' }, { text: reply.text, audit: reply.audit, author });
    const published = await this.publisher.publish({ ...context, conversationId: conversation.id, author, text: reply.text, audit: reply.audit, onlyWhileAiOwned: true });
    if (published) return;
    this.logger.warn({ messageId: inbound.id }, 'another run answered this message, or a person took over; reply discarded');
    // Part of this burst was answered meanwhile (a run whose lease lapsed, or an opt-out keyword the webhook
    // answered itself): the rest must not be left unanswered, so the job retries for them.
    if (await this.anyUnanswered([inbound, ...earlier])) throw new Error('the burst changed during the run; retrying for its unanswered messages');
  }

  private async anyUnanswered(messages: Message[]): Promise<boolean> {
    for (const message of messages) {
      if (!(await this.messages.findById(message.tenantId, message.id))?.processedAt) return true;
    }
    return false;
  }

  /** Links every message of the burst to its conversation (consoles see each), oldest first. */
  private async locate(burst: Burst<Message>): Promise<LocatedBurst> {
    const earlier: Message[] = [];
    for (const message of burst.earlier) earlier.push((await this.locator.locate(message)).inbound);
    return { ...(await this.locator.locate(burst.last)), earlier };
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

function turnOf(message: Message): { messageId: string; body: string; at: Date } {
  return { messageId: message.id, body: message.body, at: message.createdAt };
}
