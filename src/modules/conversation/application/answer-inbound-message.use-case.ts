import { Injectable, Logger } from '@nestjs/common';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import { aiMayAnswer } from '../domain/conversation-state';
import type { Message, MessageAuthor } from '../domain/message';
import { AiReply, AiRequest, AiResponder } from './ports/ai-responder.port';
import { ConversationRepository } from './ports/conversation.repository.port';
import { MessageRepository } from './ports/message.repository.port';
import { OutboundDispatcher } from './ports/outbound-dispatcher.port';

const HISTORY_TURNS = 20;

export interface AnswerInboundCommand {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** On the job's last attempt an AI failure is answered with a polite fallback instead of a retry. */
  isLastAttempt: boolean;
}

/** The process_ai_response job: contact, conversation, context, AI, stored reply, send queue. */
@Injectable()
export class AnswerInboundMessage {
  private readonly logger = new Logger(AnswerInboundMessage.name);

  constructor(
    private readonly directory: TenantDirectory,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly ai: AiResponder,
    private readonly outbound: OutboundDispatcher,
  ) {}

  async execute(command: AnswerInboundCommand): Promise<void> {
    const inbound = await this.messages.findById(command.tenantId, command.inboundMessageId);
    if (!inbound || inbound.direction !== 'inbound') {
      this.logger.warn({ messageId: command.inboundMessageId }, 'inbound message not found; job dropped');
      return;
    }
    if (inbound.processedAt) return this.redispatchUnsent(inbound, command.correlationId);

    const tenant = await this.directory.findTenant(command.tenantId);
    const contact = await this.directory.upsertContact(command.tenantId, phoneOf(inbound.fromAddress), contactDetails(inbound));
    const conversation = await this.conversations.openFor(command.tenantId, contact.id, inbound.whatsappNumberId);
    await this.messages.attach(command.tenantId, inbound.id, conversation.id, contact.id);

    if (!tenant || tenant.status !== 'active' || !aiMayAnswer(conversation.state)) {
      await this.messages.markProcessed(command.tenantId, inbound.id);
      await this.conversations.touch(command.tenantId, conversation.id);
      this.logger.log({ conversationId: conversation.id, state: conversation.state }, 'stored without an AI answer');
      return;
    }

    const history = await this.messages.listForConversation(command.tenantId, conversation.id, { limit: HISTORY_TURNS, newestFirst: true });
    const { reply, author } = await this.ask(
      {
        tenantId: command.tenantId,
        tenantName: tenant.name,
        conversationId: conversation.id,
        contact: { id: contact.id, name: contact.profileName },
        history: history.reverse().map((m) => ({ author: m.author, body: m.body, at: m.createdAt })),
      },
      command.isLastAttempt,
    );

    const stored = await this.messages.storeAiReply({
      tenantId: command.tenantId,
      conversationId: conversation.id,
      inbound: { ...inbound, conversationId: conversation.id, contactId: contact.id },
      author,
      body: reply.text,
      correlationId: command.correlationId,
    });
    if (!stored) {
      this.logger.warn({ messageId: inbound.id }, 'another run already answered this message; reply discarded');
      return;
    }
    const refs = { tenantId: command.tenantId, conversationId: conversation.id, inboundMessageId: inbound.id, replyMessageId: stored.id };
    await this.ai.recordAudit(refs, reply.audit);
    await this.outbound.dispatch({ tenantId: command.tenantId, messageId: stored.id, correlationId: command.correlationId });
  }

  /** Earlier attempts rethrow so the queue retries with backoff; the last one never leaves the customer unanswered. */
  private async ask(request: AiRequest, isLastAttempt: boolean): Promise<{ reply: AiReply; author: Extract<MessageAuthor, 'ai' | 'system'> }> {
    try {
      return { reply: await this.ai.respond(request), author: 'ai' };
    } catch (error) {
      if (!isLastAttempt) throw error;
      this.logger.error({ conversationId: request.conversationId, err: error }, 'AI failed on the last attempt; sending the fallback reply');
      return { reply: this.ai.fallback(request, error), author: 'system' };
    }
  }

  /** A retried job after the reply was stored: make sure the reply reached the send queue. */
  private async redispatchUnsent(inbound: Message, correlationId: string): Promise<void> {
    for (const reply of await this.messages.findUnsentReplies(inbound.tenantId, inbound.id)) {
      await this.outbound.dispatch({ tenantId: inbound.tenantId, messageId: reply.id, correlationId });
    }
  }
}

function phoneOf(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

function contactDetails(inbound: Message): { waId?: string; profileName?: string } {
  const raw = inbound.rawPayload ?? {};
  const pick = (key: string) => (typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined);
  return { waId: pick('WaId'), profileName: pick('ProfileName') };
}
