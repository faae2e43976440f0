import { Injectable, Logger } from '@nestjs/common';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ScopedDb } from '@core/database/scoped-db';
import { AiAudit, AiReply, AiRequest, AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { KnowledgeBaseQueries } from '../application/knowledge-base/knowledge-base-queries';
import type { KbSearchHit } from '../domain/knowledge-base/knowledge-base';
import { composeLocalReply, detectIntent, fallbackReply } from '../domain/local-reply';
import { AiResultOrmEntity } from './ai-result.orm-entity';
import { ChatModelFactory } from './chat-model.factory';

/** How many knowledge-base chunks a question retrieves. */
const KB_TOP_K = 4;

/** One LangChain chat call over the recent conversation, grounded on the tenant's knowledge base. */
@Injectable()
export class LangChainAiResponder extends AiResponder {
  private readonly logger = new Logger(LangChainAiResponder.name);

  constructor(
    private readonly models: ChatModelFactory,
    private readonly db: ScopedDb,
    private readonly knowledgeBase: KnowledgeBaseQueries,
    private readonly flags: FeatureFlags,
  ) {
    super();
  }

  async respond(request: AiRequest): Promise<AiReply> {
    const asked = explicitRequestForAPerson(request);
    if (asked) return asked;
    const knowledge = await this.retrieve(request.tenantId, lastCustomerText(request));
    const model = this.models.forConversation({ tenantName: request.tenantName, contactName: request.contact.name, knowledge });
    const started = performance.now();
    const answer = await model.invoke(toPrompt(request, knowledge));
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
        retrievedChunkIds: this.models.provider === 'local' ? groundedOn(answer) : knowledge.map((hit) => hit.chunkId),
      },
    };
  }

  /** Retrieval only improves an answer: a failing search is logged and the question answered without it. */
  private async retrieve(tenantId: string, question: string): Promise<KbSearchHit[]> {
    if (!question.trim()) return [];
    try {
      if (!(await this.flags.isEnabled(tenantId, 'knowledge_base'))) return [];
      return await this.knowledgeBase.search(tenantId, question, KB_TOP_K);
    } catch (error) {
      this.logger.warn(`knowledge-base search failed for tenant ${tenantId}; answering without it: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  fallback(request: AiRequest, error: unknown): AiReply {
    return {
      text: fallbackReply(lastCustomerText(request)),
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
    await this.db.forTenant(refs.tenantId, (em) =>
      em.insert(AiResultOrmEntity, { ...refs, ...audit, error: audit.error ?? null, retrievedChunkIds: audit.retrievedChunkIds ?? [] }),
    );
  }
}

function lastCustomerText(request: AiRequest): string {
  return [...request.history].reverse().find((t) => t.author === 'contact')?.body ?? '';
}

/** The chunks the local model quoted (it reports them); an OpenAI answer is audited with all it was given. */
function groundedOn(answer: AIMessage): string[] {
  const ids: unknown = answer.response_metadata?.groundedOn;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function toPrompt(request: AiRequest, knowledge: KbSearchHit[]): BaseMessage[] {
  const system = new SystemMessage(
    `You are the WhatsApp assistant of ${request.tenantName}. Answer briefly and politely, in the customer's language. ` +
      `If you do not know something, say so and offer to call a person from the team; never invent facts.` +
      knowledgeSection(knowledge),
  );
  const turns = request.history.map((turn) => {
    // A media message without a caption still counts as a turn; media understanding comes later.
    const body = turn.body.trim() || '[a message without text, e.g. media]';
    return turn.author === 'contact' ? new HumanMessage(body) : new AIMessage(body);
  });
  return [system, ...turns];
}

function knowledgeSection(knowledge: KbSearchHit[]): string {
  if (knowledge.length === 0) return '';
  const facts = knowledge.map((hit, i) => `[${i + 1}] ${hit.title}\n${hit.content}`).join('\n\n');
  return (
    `\n\nThe passages below from the business's knowledge base are the only facts about the business you may use. ` +
    `If they do not answer the question, say you do not know and offer to call a person.\n\n${facts}`
  );
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
