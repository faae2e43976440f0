import { Logger } from '@nestjs/common';
import type { AppConfig } from '@core/config/app-config';
import type { Metrics } from '@core/metrics/metrics';
import type { AiRequest } from '@modules/conversation/application/ports/ai-responder.port';
import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { strict } from '@test/support/strict-fake';
import type { KbSearchHit } from '../../domain/knowledge-base/knowledge-base';
import { estimateTokens, fallbackReply, handoffAcknowledgement } from '../../domain/local-reply';
import type { MemoryTurn } from '../../domain/memory/memory';
import { DEFAULT_AI_SETTINGS, type AiSettings, type Specialist } from '../../domain/specialists/specialist';
import type { KnowledgeBaseQueries } from '../knowledge-base/knowledge-base-queries';
import { LlmUnavailableError } from '../llm-unavailable.error';
import type { ConversationMemory } from '../memory/conversation-memory';
import type { SpecialistCatalogue } from '../specialists/specialist-catalogue';
import { AiEngine } from './ai-engine';
import { EngineSession } from './engine-session';
import { EngineTelemetry } from './engine-telemetry';
import { SemanticAnswers } from './semantic-answers';
import { SpecialistAnswering } from './specialist-answering';
import type { AiResultLog } from './ai-result-log.port';
import type { ToolScope } from './built-in-tools';
import { EngineAccounting } from './engine-accounting';
import type { ConversationRouter, EngineTool, LlmUsage, RouteDecision, RouteInput, SpecialistRunInput, SpecialistRunner, SpecialistRunOutput } from './engine.ports';
import type { LlmModels } from './llm-models.port';
import type { CachedAnswer, SemanticCache } from './semantic-cache.port';
import type { SpecialistToolbox } from './specialist-toolbox';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CONVERSATION = '22222222-2222-4222-8222-222222222222';
const CPF = '123.456.789-09';

const specialist = (slug: string, allowedTools: string[] = []): Specialist => ({
  id: `id-${slug}`,
  slug,
  name: slug === 'support' ? 'Suporte' : 'Financeiro',
  description: `The ${slug} specialist`,
  systemPrompt: `You are the ${slug} specialist.`,
  allowedTools,
  keywords: [slug],
  enabled: true,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
});
const SPECIALISTS = [specialist('support'), specialist('billing')];

const usage = (promptTokens: number, completionTokens: number): LlmUsage => ({ provider: 'openai', model: 'gpt-4o-mini', promptTokens, completionTokens });
const routed = (decision: Partial<RouteDecision>) => async () => ({
  decision: { specialist: 'billing', confidence: 0.8, needsHuman: false, reason: 'asks about a payment', ...decision },
  usage: [usage(100, 20)],
});
const answers = (text: string, extra: Partial<SpecialistRunOutput> = {}) => async (): Promise<SpecialistRunOutput> => ({ text, groundedOn: null, usage: [usage(300, 40)], ...extra });
const toolNamed = (input: SpecialistRunInput, name: string): EngineTool => {
  const found = input.tools.find((t) => t.name === name);
  if (!found) throw new Error(`the run was not given ${name}`);
  return found;
};

const hit = (chunkId: string, content: string): KbSearchHit => ({ chunkId, documentId: 'doc-1', title: 'Políticas', position: 0, content, score: 0.8 });
const turn = (messageId: string, body: string, author: MemoryTurn['author'] = 'contact'): MemoryTurn => ({ messageId, author, body, at: '2026-11-23T09:00:00.000Z' });

/** Tools the fake toolbox hands out, by name; the search tool answers with `kbHits`, the others with a fixed result. */
function engineTool(name: string, scope: ToolScope, kbHits: KbSearchHit[]): EngineTool {
  return {
    name,
    description: name,
    parameters: { type: 'object' },
    run: async (args) => {
      if (name === 'request_human') scope.run.humanRequested = String(args.reason);
      if (name === 'search_knowledge_base') kbHits.forEach((h) => scope.run.retrievedChunkIds.add(h.chunkId));
      return JSON.stringify(name === 'search_knowledge_base' ? { results: kbHits } : { ok: true });
    },
  };
}

interface Scenario {
  body?: string;
  specialists?: Specialist[];
  settings?: Partial<AiSettings>;
  flags?: Partial<Record<'pii_masking' | 'semantic_cache', boolean>>;
  history?: MemoryTurn[];
  route?: (input: RouteInput) => Promise<{ decision: RouteDecision; usage: LlmUsage[] }>;
  run?: (input: SpecialistRunInput) => Promise<SpecialistRunOutput>;
  tools?: string[];
  kbHits?: KbSearchHit[];
  kbFails?: boolean;
  cached?: CachedAnswer | null;
  tokenBudget?: number;
  /** A burst: the customer's earlier unanswered messages. */
  earlier?: AiRequest['earlier'];
}

function setup(scenario: Scenario = {}) {
  const calls: string[] = [];
  const seen = { loaded: [] as unknown[], route: [] as RouteInput[], run: [] as SpecialistRunInput[], kb: [] as string[], cacheFind: [] as string[], stored: [] as unknown[], recorded: [] as unknown[], audits: [] as unknown[] };
  const metrics: unknown[][] = [];
  const settings = { ...DEFAULT_AI_SETTINGS, ...scenario.settings };
  const kbHits = scenario.kbHits ?? [];
  const body = scenario.body ?? 'Como pago a segunda via do boleto?';
  const request: AiRequest = {
    tenantId: TENANT,
    tenantName: 'Loja Modelo',
    conversationId: CONVERSATION,
    contact: { id: 'contact-1', name: 'Ana' },
    inbound: { messageId: 'msg-9', body, at: new Date('2026-11-23T10:00:00.000Z') },
    ...(scenario.earlier ? { earlier: scenario.earlier } : {}),
  };
  const current: MemoryTurn = { messageId: 'msg-9', author: 'contact', body, at: '2026-11-23T10:00:00.000Z' };

  const catalogue = strict<SpecialistCatalogue>('catalogue', {
      forRouting: async () => {
        calls.push('forRouting');
        return { settings, specialists: scenario.specialists ?? SPECIALISTS };
      },
    });
  const flags = strict<FeatureFlags>('flags', { isEnabled: async (_tenant: string, flag: string) => scenario.flags?.[flag as 'pii_masking'] ?? false });
  const memory = strict<ConversationMemory>('memory', {
      load: async (input: unknown) => {
        calls.push('load');
        seen.loaded.push(input);
        return { turns: [...(scenario.history ?? []), current], source: 'l1' as const };
      },
      record: async (input: unknown) => void seen.recorded.push(input),
      forget: async () => void calls.push('forget'),
    });
  const router = strict<ConversationRouter>('router', {
      route: async (input: RouteInput) => {
        seen.route.push(structuredClone(input));
        return (scenario.route ?? routed({}))(input);
      },
    });
  const runner = strict<SpecialistRunner>('runner', {
      run: async (input: SpecialistRunInput) => {
        seen.run.push(input);
        return (scenario.run ?? answers('Você pode pagar pelo app.'))(input);
      },
    });
  const toolbox = strict<SpecialistToolbox>('toolbox', {
      toolsFor: async (_specialist: Specialist, scope: ToolScope) => (scenario.tools ?? []).map((name) => scope.run.audited(engineTool(name, scope, kbHits))),
    });
  const cache = strict<SemanticCache>('cache', {
      find: async (_tenant: string, question: string) => {
        seen.cacheFind.push(question);
        return scenario.cached ?? null;
      },
      store: async (_tenant: string, entry: unknown) => void seen.stored.push(entry),
    });
  const knowledgeBase = strict<KnowledgeBaseQueries>('knowledgeBase', {
      search: async (_tenant: string, question: string) => {
        seen.kb.push(question);
        if (scenario.kbFails) throw new Error('pgvector is down');
        return kbHits;
      },
    });
  const accounting = new EngineAccounting({ provider: 'openai', primaryModel: 'gpt-4o-mini', fallbackModel: null, priceOverride: undefined } satisfies LlmModels);
  const log = strict<AiResultLog>('log', { record: async (_refs: unknown, audit: unknown) => void seen.audits.push(audit) });
  const config = { AI_CONTEXT_TOKEN_BUDGET: scenario.tokenBudget } as AppConfig;
  // Metrics exposes counters, not methods: the strict fake holds objects with an `inc`.
  const metricsFake = strict<Metrics>('metrics', {
      aiRuns: { inc: (...args: unknown[]) => metrics.push(['runs', ...args]) },
      aiTokens: { inc: (...args: unknown[]) => metrics.push(['tokens', ...args]) },
      aiCostUsd: { inc: (...args: unknown[]) => metrics.push(['cost', ...args]) },
    } as unknown as Record<string, () => unknown>);
  const models = { provider: 'openai', primaryModel: 'gpt-4o-mini', fallbackModel: null, priceOverride: undefined } satisfies LlmModels;
  const engine = new AiEngine(
    new EngineSession(catalogue, flags, memory),
    router,
    new SemanticAnswers(flags, cache),
    new SpecialistAnswering(toolbox, knowledgeBase, runner, models, config),
    accounting,
    new EngineTelemetry(metricsFake, log),
  );
  return { engine, request, calls, seen, metrics, current };
}

beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('AiEngine: handoffs', () => {
  it('hands an explicit request for a person over at once, without memory, router or model', async () => {
    const { engine, request, calls, seen, metrics } = setup({ body: 'Quero falar com um atendente' });

    const reply = await engine.respond(request);

    expect(reply.handoff).toEqual({ reason: 'customer_requested' });
    expect(reply.text).toContain('falar com uma pessoa');
    expect(reply.audit).toMatchObject({ provider: 'rules', outcome: 'handed_off', route: 'human', confidence: 1, promptTokens: 0, costUsd: 0 });
    expect(calls).toEqual([]);
    expect(seen.route).toEqual([]);
    expect(metrics).toContainEqual(['runs', { outcome: 'handed_off' }]);
  });

  it('hands over with no_enabled_specialist when the tenant has no enabled specialist, and forgets the window', async () => {
    const { engine, request, calls, seen } = setup({ specialists: [] });

    const reply = await engine.respond(request);

    expect(reply).toMatchObject({ text: handoffAcknowledgement(request.inbound.body), handoff: { reason: 'no_enabled_specialist' }, audit: { outcome: 'handed_off' } });
    expect(seen.route).toEqual([]);
    expect(calls).toContain('forget');
    expect(seen.recorded).toEqual([]);
  });

  it('hands over when the router says a person is needed, with its reasoning in the audit', async () => {
    const { engine, request, seen } = setup({ route: routed({ needsHuman: true, confidence: 0.9, reason: 'the customer threatens legal action' }) });

    const reply = await engine.respond(request);

    expect(reply.handoff).toEqual({ reason: 'router_requested_human' });
    expect(reply.audit).toMatchObject({ outcome: 'handed_off', route: 'billing', confidence: 0.9, reasoning: 'the customer threatens legal action', promptTokens: 100 });
    expect(seen.run).toEqual([]);
  });

  it('hands over when the router is less confident than routerMinConfidence', async () => {
    const { engine, request, seen } = setup({ settings: { routerMinConfidence: 0.6 }, route: routed({ confidence: 0.59 }) });

    const reply = await engine.respond(request);

    expect(reply.handoff).toEqual({ reason: 'low_router_confidence' });
    expect(reply.audit).toMatchObject({ route: 'billing', confidence: 0.59 });
    expect(seen.run).toEqual([]);
  });

  it('hands over with low_router_confidence when the router names no enabled specialist', async () => {
    const { engine, request } = setup({ route: routed({ specialist: 'sales', confidence: 1 }) });
    expect((await engine.respond(request)).handoff).toEqual({ reason: 'low_router_confidence' });
  });

  it('hands over with the agent words when a tool asked for a person', async () => {
    const run = async (input: SpecialistRunInput) => {
      await toolNamed(input, 'request_human').run({ reason: 'refund above the limit' });
      return { text: ' Vou passar para a equipe financeira. ', groundedOn: null, usage: [usage(300, 40)] };
    };
    const { engine, request, calls, seen } = setup({ tools: ['request_human'], run, flags: { semantic_cache: true } });

    const reply = await engine.respond(request);

    expect(reply).toMatchObject({ text: 'Vou passar para a equipe financeira.', handoff: { reason: 'agent_requested_human' }, audit: { outcome: 'handed_off', route: 'billing' } });
    expect(reply.audit.toolCalls).toEqual([expect.objectContaining({ tool: 'request_human', args: { reason: 'refund above the limit' }, ok: true })]);
    expect(calls).toContain('forget');
    expect(seen.stored).toEqual([]);
  });
});

describe('AiEngine: answers', () => {
  it('answers with the chosen specialist and audits route, reasoning, memory, tools, tokens and cost', async () => {
    const history = [turn('msg-1', 'Oi'), turn('reply:msg-1', 'Olá! Como posso ajudar?', 'ai')];
    const run = async (input: SpecialistRunInput) => {
      await toolNamed(input, 'search_knowledge_base').run({ query: 'segunda via' });
      return { text: 'Você pode pagar pelo app.', groundedOn: null, usage: [usage(300, 40), usage(350, 30)] };
    };
    const kbHits = [hit('chunk-1', 'A segunda via do boleto sai no app.')];
    const { engine, request, seen, metrics, current } = setup({ history, tools: ['search_knowledge_base'], kbHits, run });

    const reply = await engine.respond(request);

    expect(reply.text).toBe('Você pode pagar pelo app.');
    expect(reply.handoff).toBeUndefined();
    expect(reply.audit).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      outcome: 'answered',
      route: 'billing',
      confidence: 0.8,
      reasoning: 'asks about a payment',
      memorySource: 'l1',
      cacheHit: false,
      promptTokens: 750,
      completionTokens: 90,
      retrievedChunkIds: ['chunk-1'],
      toolCalls: [expect.objectContaining({ tool: 'search_knowledge_base', args: { query: 'segunda via' }, ok: true })],
    });
    // gpt-4o-mini: 0.15 USD per million prompt tokens, 0.6 per million completion tokens; each call rounded to 1e-6.
    // (100·0.15 + 20·0.6) + (300·0.15 + 40·0.6) + (350·0.15 + 30·0.6) = 27 + 69 + 71 millionths
    expect(reply.audit.costUsd).toBeCloseTo(0.000167, 9);
    expect(seen.route[0]).toMatchObject({ tenantName: 'Loja Modelo', contactName: 'Ana', turns: [...history, current] });
    expect(seen.route[0].specialists).toEqual(SPECIALISTS.map(({ slug, name, description, keywords }) => ({ slug, name, description, keywords })));
    expect(seen.run[0].systemPrompt).toMatch(/^You are the billing specialist\.[\s\S]*A segunda via do boleto sai no app\.$/);
    expect(seen.recorded).toEqual([
      {
        tenantId: TENANT,
        conversationId: CONVERSATION,
        turns: [current, { messageId: 'reply:msg-9', author: 'ai', body: 'Você pode pagar pelo app.', at: expect.any(String) }],
        maxTurns: DEFAULT_AI_SETTINGS.memoryWindowTurns,
        ttlSeconds: DEFAULT_AI_SETTINGS.memoryTtlSeconds,
      },
    ]);
    expect(metrics).toEqual([['runs', { outcome: 'answered' }], ['tokens', { kind: 'prompt' }, 750], ['tokens', { kind: 'completion' }, 90], ['cost', reply.audit.costUsd]]);
  });

  it('gives the router only the last six turns and the specialist the whole window', async () => {
    const history = Array.from({ length: 8 }, (_, i) => turn(`m${i}`, `mensagem ${i}`));
    const { engine, request, seen } = setup({ history });

    await engine.respond(request);

    expect(seen.route[0].turns.map((t) => t.messageId)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'msg-9']);
    expect(seen.run[0].turns).toHaveLength(9);
  });

  it('audits the chunks the model says it grounded on instead of every retrieved one', async () => {
    const kbHits = [hit('chunk-1', 'Trocas em 30 dias.'), hit('chunk-2', 'Boleto vence em 3 dias.')];
    const { engine, request } = setup({ tools: ['search_knowledge_base'], kbHits, run: answers('Vence em 3 dias.', { groundedOn: ['chunk-2'] }) });

    expect((await engine.respond(request)).audit.retrievedChunkIds).toEqual(['chunk-2']);
  });

  it('answers without the pre-retrieved passages when the knowledge base search fails', async () => {
    const { engine, request, seen } = setup({ tools: ['search_knowledge_base'], kbFails: true });

    const reply = await engine.respond(request);

    expect(reply.audit.outcome).toBe('answered');
    expect(seen.run[0].systemPrompt).not.toContain('Passages from the business');
  });

  it('drops the oldest turns that do not fit AI_CONTEXT_TOKEN_BUDGET next to the system prompt', async () => {
    const history = ['a', 'b', 'c', 'd'].map((id) => turn(id, id.repeat(400)));
    const { engine, request, seen } = setup({ history, tokenBudget: 400 });

    await engine.respond(request);

    const { systemPrompt, turns } = seen.run[0];
    const tokens = (ts: MemoryTurn[]) => ts.reduce((sum, t) => sum + estimateTokens(t.body), estimateTokens(systemPrompt));
    const window = [...history, turn('msg-9', request.inbound.body)];
    expect(turns.length).toBeGreaterThan(1);
    expect(turns.length).toBeLessThan(window.length);
    expect(turns.map((t) => t.messageId)).toEqual(window.slice(-turns.length).map((t) => t.messageId));
    expect(tokens(turns)).toBeLessThanOrEqual(400);
    expect(tokens(window.slice(-turns.length - 1))).toBeGreaterThan(400);
  });
});

describe('AiEngine: provider outages', () => {
  it('answers with the fallback in the customer language and hands over when the router is unavailable', async () => {
    const route = async () => Promise.reject(new LlmUnavailableError('breaker_open', 'openai:gpt-4o-mini'));
    const { engine, request, metrics } = setup({ body: 'How can I pay my bill?', route });

    const reply = await engine.respond(request);

    expect(reply).toMatchObject({ text: fallbackReply('How can I pay my bill?'), author: 'system', handoff: { reason: 'ai_unavailable' } });
    expect(reply.text).toMatch(/^Sorry/);
    expect(reply.audit).toMatchObject({ outcome: 'failed', error: 'LLM openai:gpt-4o-mini unavailable: circuit breaker open' });
    expect(metrics).toContainEqual(['runs', { outcome: 'failed' }]);
  });

  it('does the same when the specialist model is unavailable, keeping the router tokens in the audit', async () => {
    const run = async () => Promise.reject(new LlmUnavailableError('exhausted', 'openai:gpt-4o-mini', { cause: new Error('503 from upstream') }));
    const { engine, request } = setup({ body: '¿Cuánto cuesta el envío?', run });

    const reply = await engine.respond(request);

    expect(reply).toMatchObject({ text: fallbackReply('¿Cuánto cuesta el envío?'), author: 'system', handoff: { reason: 'ai_unavailable' } });
    expect(reply.audit).toMatchObject({ outcome: 'failed', error: '503 from upstream', promptTokens: 100 });
  });

  it('treats an empty model reply as the provider being unavailable', async () => {
    const { engine, request } = setup({ run: answers('   ') });
    expect(await engine.respond(request)).toMatchObject({ author: 'system', handoff: { reason: 'ai_unavailable' }, audit: { error: 'the model returned an empty reply' } });
  });

  it('rethrows any other error so the job is retried', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const { engine, request, metrics } = setup({ route: async () => Promise.reject(bug) });

    await expect(engine.respond(request)).rejects.toBe(bug);
    expect(metrics).toEqual([]);
  });

  it('fallback() gives the apology with a handoff, audited as failed', () => {
    const { engine, request, metrics } = setup({ body: 'Oi, tudo bem? Qual o horário?' });

    expect(engine.fallback(request, new Error('worker crashed'))).toMatchObject({
      text: fallbackReply(request.inbound.body),
      author: 'system',
      audit: { outcome: 'failed', error: 'worker crashed', promptTokens: 0 },
      handoff: { reason: 'ai_unavailable' },
    });
    expect(metrics).toEqual([['runs', { outcome: 'failed' }]]);
  });

  it('recordAudit() writes the audit through the log', async () => {
    const { engine, seen } = setup();
    const audit = { provider: 'openai', model: 'gpt-4o-mini', promptTokens: 1, completionTokens: 1, latencyMs: 5, outcome: 'answered' as const };
    await engine.recordAudit({ tenantId: TENANT, conversationId: CONVERSATION, inboundMessageId: 'msg-9', replyMessageId: 'msg-10' }, audit);
    expect(seen.audits).toEqual([audit]);
  });
});

describe('AiEngine: personal data masking', () => {
  it('shows the router, the knowledge base and the specialist placeholders, and restores them in the reply', async () => {
    const body = `Meu CPF é ${CPF}, posso trocar o produto?`;
    const history = [turn('msg-1', 'meu e-mail é ana@exemplo.com')];
    const { engine, request, seen } = setup({ body, history, flags: { pii_masking: true }, tools: ['search_knowledge_base'], run: answers('Pronto, [CPF_1] consultado; aviso em [EMAIL_1].') });

    const reply = await engine.respond(request);

    expect(reply.text).toBe(`Pronto, ${CPF} consultado; aviso em ana@exemplo.com.`);
    expect(seen.route[0].turns.map((t) => t.body)).toEqual(['meu e-mail é [EMAIL_1]', 'Meu CPF é [CPF_1], posso trocar o produto?']);
    expect(seen.run[0].turns.map((t) => t.body)).toEqual(['meu e-mail é [EMAIL_1]', 'Meu CPF é [CPF_1], posso trocar o produto?']);
    expect(seen.kb).toEqual(['Meu CPF é [CPF_1], posso trocar o produto?']);
  });

  it('sends the raw text when the tenant does not mask', async () => {
    const body = `Meu CPF é ${CPF}`;
    const { engine, request, seen } = setup({ body });

    await engine.respond(request);

    expect(seen.route[0].turns.map((t) => t.body)).toEqual([body]);
  });
});

describe('AiEngine: semantic cache', () => {
  const cached: CachedAnswer = { id: 'cache-1', answer: 'Trocas em até 30 dias.', specialist: 'support', chunkIds: ['chunk-1'], score: 0.95 };

  it('answers a cache hit without the router or a model, marked cacheHit, and records the window', async () => {
    const { engine, request, seen } = setup({ flags: { semantic_cache: true }, cached });

    const reply = await engine.respond(request);

    expect(reply.text).toBe('Trocas em até 30 dias.');
    expect(reply.audit).toMatchObject({ cacheHit: true, outcome: 'answered', route: 'support', confidence: 0.95, retrievedChunkIds: ['chunk-1'], promptTokens: 0 });
    expect(reply.audit.reasoning).toBe('semantic cache hit (similarity 0.950)');
    expect(seen.route).toEqual([]);
    expect(seen.run).toEqual([]);
    expect(seen.recorded).toHaveLength(1);
  });

  it('does not look in the cache when the flag is off', async () => {
    const { engine, request, seen } = setup({ cached, tools: ['search_knowledge_base'], kbHits: [hit('chunk-1', 'Trocas em 30 dias.')] });

    expect((await engine.respond(request)).audit.cacheHit).toBe(false);
    expect(seen.cacheFind).toEqual([]);
    expect(seen.stored).toEqual([]);
  });

  it('stores an answer grounded on the knowledge base alone when the flag is on', async () => {
    const kbHits = [hit('chunk-1', 'A segunda via do boleto sai no app.')];
    const { engine, request, seen } = setup({ flags: { semantic_cache: true }, tools: ['search_knowledge_base'], kbHits });

    await engine.respond(request);

    expect(seen.stored).toEqual([{ question: request.inbound.body, answer: 'Você pode pagar pelo app.', specialist: 'billing', chunkIds: ['chunk-1'] }]);
  });

  it.each(['recall_memories', 'consultar_pedido'])('does not store an answer that used %s', async (toolName) => {
    const run = async (input: SpecialistRunInput) => {
      await toolNamed(input, toolName).run({ query: 'x' });
      return { text: 'Seu pedido foi enviado.', groundedOn: null, usage: [] };
    };
    const kbHits = [hit('chunk-1', 'Pedidos saem em 2 dias.')];
    const { engine, request, seen } = setup({ flags: { semantic_cache: true }, tools: ['search_knowledge_base', toolName], kbHits, run });

    await engine.respond(request);

    expect(seen.stored).toEqual([]);
  });

  it('does not store an answer given without any knowledge-base chunk', async () => {
    const { engine, request, seen } = setup({ flags: { semantic_cache: true } });
    await engine.respond(request);
    expect(seen.stored).toEqual([]);
  });

  it.each([true, false])('does not store an answer to a question holding personal data (masking %p)', async (masking) => {
    const kbHits = [hit('chunk-1', 'Trocas em 30 dias.')];
    const { engine, request, seen } = setup({ body: `Meu CPF é ${CPF}, posso trocar?`, flags: { semantic_cache: true, pii_masking: masking }, tools: ['search_knowledge_base'], kbHits });

    await engine.respond(request);

    expect(seen.stored).toEqual([]);
  });

  it('looks a masked question up in the cache when the tenant masks personal data', async () => {
    const { engine, request, seen } = setup({ body: `Meu CPF é ${CPF}, posso trocar?`, flags: { semantic_cache: true, pii_masking: true } });
    await engine.respond(request);
    expect(seen.cacheFind).toEqual(['Meu CPF é [CPF_1], posso trocar?']);
  });
});

describe('AiEngine: bursts', () => {
  const earlier = [
    { messageId: 'msg-7', body: 'Oi', at: new Date('2026-11-23T09:59:58.000Z') },
    { messageId: 'msg-8', body: 'Paguei o boleto ontem', at: new Date('2026-11-23T09:59:59.000Z') },
  ];

  it("loads and records every message of the burst, and asks the cache and the knowledge base the burst's whole question", async () => {
    const { engine, request, seen } = setup({ earlier, body: 'Quando cai?', tools: ['search_knowledge_base'], kbHits: [hit('c1', 'Boletos compensam em 2 dias.')], flags: { semantic_cache: true } });

    await engine.respond(request);

    const asTurn = (m: { messageId: string; body: string; at: Date }) => ({ messageId: m.messageId, author: 'contact', body: m.body, at: m.at.toISOString() });
    expect(seen.loaded).toEqual([expect.objectContaining({ current: asTurn(request.inbound), earlier: earlier.map(asTurn) })]);
    expect(seen.cacheFind).toEqual(['Oi\nPaguei o boleto ontem\nQuando cai?']);
    expect(seen.kb).toEqual(['Oi\nPaguei o boleto ontem\nQuando cai?']);
    const recorded = seen.recorded[0] as { turns: MemoryTurn[] };
    expect(recorded.turns.map((t) => t.messageId)).toEqual(['msg-7', 'msg-8', 'msg-9', 'reply:msg-9']);
  });

  it('hands over when any message of the burst asks for a person', async () => {
    const { engine, request } = setup({ earlier: [{ messageId: 'msg-8', body: 'Quero falar com um atendente', at: new Date('2026-11-23T09:59:59.000Z') }], body: 'por favor' });

    const reply = await engine.respond(request);

    expect(reply.handoff).toEqual({ reason: 'customer_requested' });
  });
});
