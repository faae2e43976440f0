import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { Metrics } from '@core/metrics/metrics';
import { AiAudit, AiReply, AiRequest, AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { contextTokenBudget, trimToBudget } from '../../domain/context/token-budget';
import { ENGINE_HANDOFF_REASONS } from '../../domain/engine/handoff-reasons';
import { detectIntent, estimateTokens, fallbackReply, handoffAcknowledgement, composeLocalReply } from '../../domain/local-reply';
import type { MemoryTurn } from '../../domain/memory/memory';
import { findPii } from '../../domain/privacy/pii-masking';
import type { AiSettings, Specialist } from '../../domain/specialists/specialist';
import { AiResultLog, AiResultRefs } from './ai-result-log.port';
import { EngineRun } from './engine-run';
import { ConversationRouter, RouteDecision, SpecialistRunner } from './engine.ports';
import { LlmUnavailableError } from '../llm-unavailable.error';
import { ConversationMemory } from '../memory/conversation-memory';
import { SpecialistCatalogue } from '../specialists/specialist-catalogue';
import { EngineAccounting } from './engine-accounting';
import { SemanticCache } from './semantic-cache.port';
import { KnowledgeBaseQueries } from '../knowledge-base/knowledge-base-queries';
import type { KbSearchHit } from '../../domain/knowledge-base/knowledge-base';
import { SpecialistToolbox } from './specialist-toolbox';

interface RunContext {
  request: AiRequest;
  settings: AiSettings;
  run: EngineRun;
  turns: MemoryTurn[];
  memorySource: string;
}

/**
 * The AI engine behind the conversation module's AiResponder port: memory (L1 window or L2 history),
 * an optional semantic-cache hit, the router's structured choice of a specialist (or a person), the
 * specialist agent with its plan-permitted tools, and one audit row saying why. The worker does not
 * know how an answer is made.
 */
@Injectable()
export class AiEngine extends AiResponder {
  private readonly logger = new Logger(AiEngine.name);

  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly flags: FeatureFlags,
    private readonly memory: ConversationMemory,
    private readonly router: ConversationRouter,
    private readonly specialists: SpecialistRunner,
    private readonly toolbox: SpecialistToolbox,
    private readonly cache: SemanticCache,
    private readonly knowledgeBase: KnowledgeBaseQueries,
    private readonly accounting: EngineAccounting,
    private readonly log: AiResultLog,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async respond(request: AiRequest): Promise<AiReply> {
    const reply = await this.answer(request);
    this.observe(reply.audit);
    return reply;
  }

  private observe(audit: AiAudit): void {
    this.metrics.aiRuns.inc({ outcome: audit.outcome });
    this.metrics.aiTokens.inc({ kind: 'prompt' }, audit.promptTokens);
    this.metrics.aiTokens.inc({ kind: 'completion' }, audit.completionTokens);
    this.metrics.aiCostUsd.inc(audit.costUsd ?? 0);
  }

  private async answer(request: AiRequest): Promise<AiReply> {
    if (detectIntent(questionOf(request)) === 'human') return this.customerAskedForAPerson(request);
    const { settings, specialists } = await this.catalogue.forRouting(request.tenantId);
    const run = new EngineRun(await this.flags.isEnabled(request.tenantId, 'pii_masking'));
    const window = await this.memory.load({ ...this.ids(request), current: currentTurn(request), ...earlierTurns(request), maxTurns: settings.memoryWindowTurns, ttlSeconds: settings.memoryTtlSeconds });
    const context: RunContext = { request, settings, run, turns: window.turns, memorySource: window.source };
    try {
      const reply = (await this.fromCache(context)) ?? (await this.routeAndAnswer(context, specialists));
      if (!reply.handoff) await this.remember(context, reply.text);
      else await this.memory.forget(request.tenantId, request.conversationId);
      return reply;
    } catch (error) {
      if (!(error instanceof LlmUnavailableError)) throw error;
      this.logger.warn({ conversationId: request.conversationId, reason: error.reason, key: error.key }, 'LLM unavailable; fallback reply and handoff');
      return this.unavailable(context, error);
    }
  }

  fallback(request: AiRequest, error: unknown): AiReply {
    this.metrics.aiRuns.inc({ outcome: 'failed' });
    return {
      text: fallbackReply(questionOf(request)),
      author: 'system',
      audit: { ...this.accounting.emptyAudit(), outcome: 'failed', error: errorText(error) },
      handoff: { reason: ENGINE_HANDOFF_REASONS.aiUnavailable },
    };
  }

  recordAudit(refs: AiResultRefs, audit: AiAudit): Promise<void> {
    return this.log.record(refs, audit);
  }

  private async routeAndAnswer(context: RunContext, specialists: Specialist[]): Promise<AiReply> {
    const { request, run, settings } = context;
    if (specialists.length === 0) return this.handOff(context, ENGINE_HANDOFF_REASONS.noSpecialist, null);
    const masked = context.turns.map((turn) => ({ ...turn, body: run.mask(turn.body) }));
    const routed = await this.router.route({
      tenantName: request.tenantName,
      contactName: request.contact.name,
      turns: masked.slice(-ROUTER_TURNS),
      specialists: specialists.map(({ slug, name, description, keywords }) => ({ slug, name, description, keywords })),
    });
    run.usage.push(...routed.usage);
    const decision = routed.decision;
    const chosen = specialists.find((s) => s.slug === decision.specialist);
    if (decision.needsHuman) return this.handOff(context, ENGINE_HANDOFF_REASONS.routerRequested, decision);
    if (!chosen || decision.confidence < settings.routerMinConfidence) return this.handOff(context, ENGINE_HANDOFF_REASONS.lowConfidence, decision);
    return this.answerWith(context, chosen, decision, masked);
  }

  private async answerWith(context: RunContext, specialist: Specialist, decision: RouteDecision, masked: MemoryTurn[]): Promise<AiReply> {
    const { request, run } = context;
    const tools = await this.toolbox.toolsFor(specialist, { tenantId: request.tenantId, contactId: request.contact.id, conversationId: request.conversationId, run });
    const knowledge = tools.some((t) => t.name === 'search_knowledge_base') ? await this.retrieve(context) : [];
    const systemPrompt = systemPromptFor(specialist, request) + knowledgeSection(knowledge);
    const budget = contextTokenBudget(this.accounting.modelName, this.config.AI_CONTEXT_TOKEN_BUDGET);
    const turns = trimToBudget(masked, budget, estimateTokens(systemPrompt), estimateTokens);
    const output = await this.specialists.run({ tenantName: request.tenantName, contactName: request.contact.name, systemPrompt, turns, tools });
    run.usage.push(...output.usage);
    if (output.groundedOn) {
      run.retrievedChunkIds.clear();
      output.groundedOn.forEach((id) => run.retrievedChunkIds.add(id));
    }
    if (run.humanRequested) return this.handOff(context, ENGINE_HANDOFF_REASONS.toolRequested, decision, output.text);
    const text = run.restore(output.text).trim();
    if (!text) throw new LlmUnavailableError('exhausted', this.accounting.modelName, { cause: new Error('the model returned an empty reply') });
    await this.cacheIfReusable(context, specialist.slug, text);
    return { text, audit: this.audit(context, 'answered', decision) };
  }

  /**
   * The passages closest to the question go into the prompt up front (one model call instead of a tool
   * round trip); the search tool stays available for anything else. Retrieval only improves an answer:
   * when it fails the question is answered without it.
   */
  private async retrieve(context: RunContext): Promise<KbSearchHit[]> {
    const { request, run } = context;
    try {
      const hits = await this.knowledgeBase.search(request.tenantId, run.mask(questionOf(request)), PRE_RETRIEVED_CHUNKS);
      hits.forEach((hit) => run.retrievedChunkIds.add(hit.chunkId));
      return hits;
    } catch (error) {
      this.logger.warn({ tenantId: request.tenantId, err: error }, 'knowledge-base retrieval failed; answering without it');
      return [];
    }
  }

  /** A knowledge-base answer to a close enough earlier question, when the tenant enabled the cache. */
  private async fromCache(context: RunContext): Promise<AiReply | null> {
    const { request, settings } = context;
    if (!(await this.flags.isEnabled(request.tenantId, 'semantic_cache'))) return null;
    const hit = await this.cache.find(request.tenantId, context.run.mask(questionOf(request)), settings.semanticCacheThreshold);
    if (!hit) return null;
    hit.chunkIds.forEach((id) => context.run.retrievedChunkIds.add(id));
    const decision = { specialist: hit.specialist ?? 'cache', confidence: hit.score, needsHuman: false, reason: `semantic cache hit (similarity ${hit.score.toFixed(3)})` };
    return { text: hit.answer, audit: { ...this.audit(context, 'answered', decision), cacheHit: true } };
  }

  /** Only answers grounded on the knowledge base alone are reusable: nothing personal, nothing from a tenant system. */
  private async cacheIfReusable(context: RunContext, specialist: string, answer: string): Promise<void> {
    const { run, request } = context;
    const onlyKnowledge = run.toolCalls.every((c) => c.tool === 'search_knowledge_base');
    if (!onlyKnowledge || run.retrievedChunkIds.size === 0 || findPii(questionOf(request)).length > 0) return;
    if (!(await this.flags.isEnabled(request.tenantId, 'semantic_cache'))) return;
    await this.cache.store(request.tenantId, { question: questionOf(request), answer, specialist, chunkIds: [...run.retrievedChunkIds] });
  }

  private handOff(context: RunContext, reason: string, decision: RouteDecision | null, agentText?: string): AiReply {
    const text = agentText ? context.run.restore(agentText).trim() : '';
    return {
      text: text || handoffAcknowledgement(questionOf(context.request)),
      audit: this.audit(context, 'handed_off', decision),
      handoff: { reason },
    };
  }

  private unavailable(context: RunContext, error: LlmUnavailableError): AiReply {
    return {
      text: fallbackReply(questionOf(context.request)),
      author: 'system',
      audit: { ...this.audit(context, 'failed', null), error: errorText(error.cause ?? error).slice(0, 1000) },
      handoff: { reason: ENGINE_HANDOFF_REASONS.aiUnavailable },
    };
  }

  /** "Quero falar com um atendente", "talk to a human", "hablar con una persona": handed over without asking a model. */
  private customerAskedForAPerson(request: AiRequest): AiReply {
    const reply = composeLocalReply({ text: questionOf(request), tenantName: request.tenantName, contactName: request.contact.name });
    return {
      text: reply.text,
      audit: { ...this.accounting.emptyAudit(), provider: 'rules', model: 'request-for-a-person', outcome: 'handed_off', route: 'human', confidence: 1, reasoning: 'the customer asked for a person' },
      handoff: { reason: ENGINE_HANDOFF_REASONS.customerRequested },
    };
  }

  private audit(context: RunContext, outcome: AiAudit['outcome'], decision: RouteDecision | null): AiAudit {
    const { run } = context;
    return {
      ...this.accounting.totals(run.usage),
      latencyMs: run.elapsedMs,
      outcome,
      route: decision?.specialist,
      confidence: decision?.confidence,
      reasoning: decision?.reason,
      toolCalls: run.toolCalls,
      retrievedChunkIds: [...run.retrievedChunkIds],
      memorySource: context.memorySource,
      cacheHit: false,
    };
  }

  private async remember(context: RunContext, answer: string): Promise<void> {
    const { request, settings } = context;
    const reply: MemoryTurn = { messageId: `reply:${request.inbound.messageId}`, author: 'ai', body: answer, at: new Date().toISOString() };
    await this.memory.record({ ...this.ids(request), turns: [...(earlierTurns(request).earlier ?? []), currentTurn(request), reply], maxTurns: settings.memoryWindowTurns, ttlSeconds: settings.memoryTtlSeconds });
  }

  private ids(request: AiRequest): { tenantId: string; conversationId: string } {
    return { tenantId: request.tenantId, conversationId: request.conversationId };
  }
}

const PRE_RETRIEVED_CHUNKS = 4;

function knowledgeSection(knowledge: KbSearchHit[]): string {
  if (knowledge.length === 0) return '';
  const passages = knowledge.map((hit, i) => `[${i + 1}] ${hit.title}\n${hit.content}`).join('\n\n');
  return (
    `\n\nPassages from the business's knowledge base that may answer the customer. They are the only facts about the business you may use; ` +
    `if they do not answer the question, search again or call request_human.\n\n${passages}`
  );
}

/** The router decides from the last few turns; the specialist gets the whole (trimmed) window. */
const ROUTER_TURNS = 6;

function currentTurn(request: AiRequest): MemoryTurn {
  return { messageId: request.inbound.messageId, author: 'contact', body: request.inbound.body, at: request.inbound.at.toISOString() };
}

/** A burst's earlier messages, for the window; nothing when the message came alone. */
function earlierTurns(request: AiRequest): { earlier?: MemoryTurn[] } {
  if (!request.earlier?.length) return {};
  return { earlier: request.earlier.map((m) => ({ messageId: m.messageId, author: 'contact', body: m.body, at: m.at.toISOString() })) };
}

/** What the customer asked in this run: the burst's messages in order, one per line (the message alone otherwise). */
function questionOf(request: AiRequest): string {
  return [...(request.earlier ?? []), request.inbound].map((m) => m.body).join('\n');
}

function systemPromptFor(specialist: Specialist, request: AiRequest): string {
  const customer = request.contact.name ? ` The customer's name is ${request.contact.name}.` : '';
  return (
    `${specialist.systemPrompt.trim()}\n\n` +
    `You answer WhatsApp messages for ${request.tenantName} as its "${specialist.name}" assistant.${customer} ` +
    `Today is ${new Date().toISOString().slice(0, 10)}. Reply in the customer's language, briefly. ` +
    `Use only facts from your tools and this conversation; if you cannot answer reliably, call request_human. ` +
    `Placeholders like [EMAIL_1] or [CPF_1] stand for the customer's data: keep them as they are.`
  );
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
