import { Injectable, Logger } from '@nestjs/common';
import { AiAudit, AiReply, AiRequest, AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { ENGINE_HANDOFF_REASONS } from '../../domain/engine/handoff-reasons';
import { composeLocalReply, detectIntent, fallbackReply, handoffAcknowledgement } from '../../domain/local-reply';
import type { Specialist } from '../../domain/specialists/specialist';
import { LlmUnavailableError } from '../llm-unavailable.error';
import type { AiResultRefs } from './ai-result-log.port';
import { questionOf, RunContext } from './engine-context';
import { EngineAccounting } from './engine-accounting';
import { EngineSession } from './engine-session';
import { EngineTelemetry } from './engine-telemetry';
import { ConversationRouter, RouteDecision } from './engine.ports';
import { SemanticAnswers } from './semantic-answers';
import { SpecialistAnswering } from './specialist-answering';

/** The router decides from the last few turns; the specialist gets the whole (trimmed) window. */
const ROUTER_TURNS = 6;

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
    private readonly session: EngineSession,
    private readonly router: ConversationRouter,
    private readonly cache: SemanticAnswers,
    private readonly specialists: SpecialistAnswering,
    private readonly accounting: EngineAccounting,
    private readonly telemetry: EngineTelemetry,
  ) {
    super();
  }

  async respond(request: AiRequest): Promise<AiReply> {
    const reply = await this.answer(request);
    this.telemetry.observe(reply.audit);
    return reply;
  }

  fallback(request: AiRequest, error: unknown): AiReply {
    this.telemetry.countFailure();
    return {
      text: fallbackReply(questionOf(request)),
      author: 'system',
      audit: { ...this.accounting.emptyAudit(), outcome: 'failed', error: errorText(error) },
      handoff: { reason: ENGINE_HANDOFF_REASONS.aiUnavailable },
    };
  }

  recordAudit(refs: AiResultRefs, audit: AiAudit): Promise<void> {
    return this.telemetry.record(refs, audit);
  }

  private async answer(request: AiRequest): Promise<AiReply> {
    if (detectIntent(questionOf(request)) === 'human') return this.customerAskedForAPerson(request);
    const { context, specialists } = await this.session.open(request);
    try {
      const reply = (await this.fromCache(context)) ?? (await this.routeAndAnswer(context, specialists));
      await this.session.close(context, reply);
      return reply;
    } catch (error) {
      if (!(error instanceof LlmUnavailableError)) throw error;
      this.logger.warn({ conversationId: request.conversationId, reason: error.reason, key: error.key }, 'LLM unavailable; fallback reply and handoff');
      return this.unavailable(context, error);
    }
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
    const agentText = await this.specialists.answer(context, chosen, masked);
    if (run.humanRequested) return this.handOff(context, ENGINE_HANDOFF_REASONS.toolRequested, decision, agentText);
    const text = run.restore(agentText).trim();
    if (!text) throw new LlmUnavailableError('exhausted', this.accounting.modelName, { cause: new Error('the model returned an empty reply') });
    await this.cache.keepIfReusable(context, chosen.slug, text);
    return { text, audit: this.audit(context, 'answered', decision) };
  }

  /** A knowledge-base answer to a close enough earlier question, when the tenant enabled the cache. */
  private async fromCache(context: RunContext): Promise<AiReply | null> {
    const hit = await this.cache.find(context);
    if (!hit) return null;
    const decision = { specialist: hit.specialist ?? 'cache', confidence: hit.score, needsHuman: false, reason: `semantic cache hit (similarity ${hit.score.toFixed(3)})` };
    return { text: hit.answer, audit: { ...this.audit(context, 'answered', decision), cacheHit: true } };
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
      audit: { ...this.audit(context, 'failed', null), error: errorText(error.cause ?? error) },
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
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
