import { Injectable } from '@nestjs/common';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ScopedDb } from '@core/database/scoped-db';
import { AiAudit, AiReply, AiRequest, AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { composeLocalReply, detectIntent, fallbackReply } from '../domain/local-reply';
import { AiResultOrmEntity } from './ai-result.orm-entity';
import { ChatModelFactory } from './chat-model.factory';

/** First form of the engine: one LangChain chat call over the recent conversation. */
@Injectable()
export class LangChainAiResponder extends AiResponder {
  constructor(
    private readonly models: ChatModelFactory,
    private readonly db: ScopedDb,
  ) {
    super();
  }

  async respond(request: AiRequest): Promise<AiReply> {
    const asked = explicitRequestForAPerson(request);
    if (asked) return asked;
    const model = this.models.forConversation({ tenantName: request.tenantName, contactName: request.contact.name });
    const started = performance.now();
    const answer = await model.invoke(toPrompt(request));
    const text = typeof answer.content === 'string' ? answer.content.trim() : '';
    if (!text) throw new Error('the model returned an empty reply');
    const usage = (answer as AIMessage).usage_metadata;
    return {
      text,
      audit: {
        provider: this.models.provider,
        model: this.models.modelName,
        promptTokens: usage?.input_tokens ?? 0,
        completionTokens: usage?.output_tokens ?? 0,
        latencyMs: Math.round(performance.now() - started),
        outcome: 'answered',
      },
    };
  }

  fallback(request: AiRequest, error: unknown): AiReply {
    const lastCustomerText = [...request.history].reverse().find((t) => t.author === 'contact')?.body ?? '';
    return {
      text: fallbackReply(lastCustomerText),
      audit: {
        provider: this.models.provider,
        model: this.models.modelName,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: 0,
        outcome: 'failed',
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      },
    };
  }

  async recordAudit(
    refs: { tenantId: string; conversationId: string; inboundMessageId: string; replyMessageId: string | null },
    audit: AiAudit,
  ): Promise<void> {
    await this.db.forTenant(refs.tenantId, (em) => em.insert(AiResultOrmEntity, { ...refs, ...audit, error: audit.error ?? null }));
  }
}

function toPrompt(request: AiRequest): BaseMessage[] {
  const system = new SystemMessage(
    `You are the WhatsApp assistant of ${request.tenantName}. Answer briefly and politely, in the customer's language. ` +
      `If you do not know something, say so and offer to call a person from the team; never invent facts.`,
  );
  const turns = request.history.map((turn) => {
    // A media message without a caption still counts as a turn; media understanding comes later.
    const body = turn.body.trim() || '[a message without text, e.g. media]';
    return turn.author === 'contact' ? new HumanMessage(body) : new AIMessage(body);
  });
  return [system, ...turns];
}

/**
 * "Quero falar com um atendente", "talk to a human", "hablar con una persona": whatever the provider,
 * an explicit request for a person hands the chat over without asking the model.
 */
function explicitRequestForAPerson(request: AiRequest): AiReply | null {
  const last = request.history[request.history.length - 1];
  if (last?.author !== 'contact' || detectIntent(last.body) !== 'human') return null;
  const reply = composeLocalReply({ text: last.body, tenantName: request.tenantName, contactName: request.contact.name });
  return {
    text: reply.text,
    audit: { provider: 'rules', model: 'request-for-a-person', promptTokens: 0, completionTokens: 0, latencyMs: 0, outcome: 'handed_off' },
    handoff: { reason: 'customer_requested' },
  };
}
