import Redis from 'ioredis';
import { call, login, newTenant, TenantFixture } from '../support/api-client';
import { HttpStandIn } from '../support/stand-ins/http-stand-in';
import { PLATFORM_ADMIN } from '../support/test-app';
import { textOf, type ChatRequestBody } from '../support/stand-ins/openai-stand-in';
import { startStack, Stack } from '../support/stack';


/** The AI engine through the real @langchain/openai client against the OpenAI stand-in. */
describe('the AI engine with an OpenAI-compatible provider: router, specialists, tools, memory, audit, privacy, cost', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let phone = 5511922220000;
  const nextCustomer = () => `+${(phone += 1)}`;
  const openai = () => stack.openai!;

  beforeAll(async () => {
    // Prices for the stand-in's unknown model, so the cost figures are checkable: $1 and $2 per million tokens.
    stack = await startStack('ai_engine', { openai: true, extra: { AI_PRICE_INPUT_PER_MTOK: '1', AI_PRICE_OUTPUT_PER_MTOK: '2' } });
    tenant = await newTenant(stack.app.url, 'Engine');
  });

  afterAll(() => stack?.close());

  beforeEach(() => {
    openai().route = { confidence: 0.9, needsHuman: false, reason: 'stand-in route' };
    openai().script = [];
    openai().reply = 'Resposta do modelo de teste.';
  });

  const lastRun = async (customer: string) => {
    const rows = await stack.query<AiRow>(
      `SELECT r.* FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = $1 ORDER BY r.created_at DESC LIMIT 1`,
      [`whatsapp:${customer}`],
    );
    return rows[0];
  };
  const conversationOf = async (customer: string) =>
    (
      await stack.query<{ id: string; state: string; handoff_reason: string | null }>(
        `SELECT c.id, c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1 ORDER BY c.created_at DESC LIMIT 1`,
        [customer],
      )
    )[0];
  const agentCallsAbout = (text: string): ChatRequestBody[] => openai().agentCompletions.filter((c) => c.messages.some((m) => m.role === 'user' && m.content === text));
  const specialist = async (slug: string) => {
    const list = await call(stack.app.url, 'GET', '/api/v1/specialists?limit=50', { token: tenant.adminToken });
    return (list.body.items as { id: string; slug: string; systemPrompt: string; allowedTools: string[] }[]).find((s) => s.slug === slug)!;
  };

  it('routes with one structured-output call among the enabled specialists, and the chosen agent answers with its prompt and tools', async () => {
    const customer = nextCustomer();
    openai().route = { specialist: 'billing', confidence: 0.85, needsHuman: false, reason: 'asks about an invoice' };
    openai().reply = 'Sua fatura vence no dia 10.';

    const sent = await stack.ask(tenant, customer, 'Quando vence minha fatura?');

    expect(sent.body).toBe('Sua fatura vence no dia 10.');
    const router = openai().routerCompletions.at(-1)!;
    expect(router.tools?.map((t) => t.function.name)).toEqual(['route_conversation']);
    expect(router.tools?.[0].function.parameters.properties?.specialist?.enum).toEqual(['support', 'billing', 'relationship']);
    expect(router.tool_choice).toMatchObject({ type: 'function', function: { name: 'route_conversation' } });
    const billing = await specialist('billing');
    const [agentCall] = agentCallsAbout('Quando vence minha fatura?');
    expect(agentCall.messages[0].role).toBe('system');
    expect(textOf(agentCall.messages[0].content)).toContain(billing.systemPrompt.trim());
    expect((agentCall.tools ?? []).map((t) => t.function.name).sort()).toEqual([...billing.allowedTools].sort());
    const run = await lastRun(customer);
    expect(run).toMatchObject({ outcome: 'answered', route: 'billing', reasoning: 'asks about an invoice', provider: 'openai', model: 'gpt-test-stand-in' });
    expect(run.confidence).toBeCloseTo(0.85);
  });

  it('runs a tool call round trip: the model asks for the knowledge base, the tool runs, the final answer uses its result', async () => {
    const upload = await call(stack.app.url, 'POST', '/api/v1/knowledge-base/documents', {
      token: tenant.adminToken,
      json: { title: 'Horários', format: 'text', content: 'Abrimos de segunda a sábado das 9h às 18h. Aos domingos abrimos às 10h e fechamos às 14h.' },
    });
    expect(upload.status).toBe(201);
    const customer = nextCustomer();
    openai().script = [{ toolCalls: [{ name: 'search_knowledge_base', args: { query: 'horário de domingo' } }] }, { content: 'Aos domingos abrimos às 10h.' }];

    const sent = await stack.ask(tenant, customer, 'Vocês abrem no domingo?');

    expect(sent.body).toBe('Aos domingos abrimos às 10h.');
    const [, second] = agentCallsAbout('Vocês abrem no domingo?');
    const toolMessage = second.messages.find((m) => m.role === 'tool')!;
    expect(toolMessage.content).toContain('Aos domingos abrimos às 10h');
    const [chunk] = await stack.query<{ id: string }>(`SELECT id FROM kb_chunks WHERE document_id = $1`, [upload.body.id]);
    const run = await lastRun(customer);
    expect(run.tool_calls).toEqual([expect.objectContaining({ tool: 'search_knowledge_base', args: { query: 'horário de domingo' }, ok: true })]);
    expect(run.tool_calls[0].result).toContain(chunk.id);
    expect(run.retrieved_chunk_ids).toEqual([chunk.id]);
    expect(run.prompt_tokens).toBe(42 * 3);
    expect(run.completion_tokens).toBe(7 * 3);
  });

  it('hands the chat to a person when the router says a human is needed, without running a specialist', async () => {
    const customer = nextCustomer();
    openai().route = { confidence: 0.95, needsHuman: true, reason: 'legal threat' };

    const sent = await stack.ask(tenant, customer, 'Vou processar vocês se não resolverem hoje!');

    expect(sent.body).toContain('pessoa');
    expect(agentCallsAbout('Vou processar vocês se não resolverem hoje!')).toHaveLength(0);
    expect(await conversationOf(customer)).toMatchObject({ state: 'HANDOFF_PENDING', handoff_reason: 'router_requested_human' });
    expect(await lastRun(customer)).toMatchObject({ outcome: 'handed_off', reasoning: 'legal threat' });
  });

  it('hands the chat to a person when the router is not confident enough', async () => {
    const customer = nextCustomer();
    openai().route = { confidence: 0.1, needsHuman: false, reason: 'unclear message' };

    await stack.ask(tenant, customer, 'hmm aquilo lá sabe');

    expect(await conversationOf(customer)).toMatchObject({ state: 'HANDOFF_PENDING', handoff_reason: 'low_router_confidence' });
  });

  it('hands the chat to a person when the specialist calls request_human, with the agent’s own words', async () => {
    const customer = nextCustomer();
    openai().script = [{ toolCalls: [{ name: 'request_human', args: { reason: 'refund above the limit' } }] }, { content: 'Vou passar para um colega da equipe.' }];

    const sent = await stack.ask(tenant, customer, 'Quero um reembolso de R$ 5.000');

    expect(sent.body).toBe('Vou passar para um colega da equipe.');
    expect(await conversationOf(customer)).toMatchObject({ state: 'HANDOFF_PENDING', handoff_reason: 'agent_requested_human' });
  });

  it('keeps the session window in Redis (L1) and falls back to PostgreSQL history (L2) when it is gone', async () => {
    const customer = nextCustomer();
    openai().reply = 'Certo!';
    await stack.ask(tenant, customer, 'Primeira pergunta');
    expect((await lastRun(customer)).memory_source).toBe('l2');

    await stack.ask(tenant, customer, 'Segunda pergunta');
    expect((await lastRun(customer)).memory_source).toBe('l1');
    const [second] = agentCallsAbout('Segunda pergunta');
    expect(second.messages.map((m) => m.content)).toEqual(expect.arrayContaining(['Primeira pergunta', 'Certo!', 'Segunda pergunta']));

    const conversation = await conversationOf(customer);
    await expect(deleteSessionWindow(stack, conversation.id)).resolves.toBe(1);
    await stack.ask(tenant, customer, 'Terceira pergunta');
    expect((await lastRun(customer)).memory_source).toBe('l2');
    const [third] = agentCallsAbout('Terceira pergunta');
    expect(third.messages.map((m) => m.content)).toEqual(expect.arrayContaining(['Primeira pergunta', 'Segunda pergunta', 'Terceira pergunta']));
  });

  it('masks personal data before it reaches the provider and restores it in the reply', async () => {
    const customer = nextCustomer();
    openai().reply = 'Pronto, atualizei o cadastro com o e-mail [EMAIL_1].';
    const question = 'Meu e-mail é ana.souza@example.com e meu CPF é 529.982.247-25, podem atualizar?';

    const sent = await stack.ask(tenant, customer, question);

    expect(sent.body).toBe('Pronto, atualizei o cadastro com o e-mail ana.souza@example.com.');
    const seen = openai()
      .completions.flatMap((c) => c.messages.map((m) => m.content ?? ''))
      .join('\n');
    expect(seen).not.toContain('ana.souza@example.com');
    expect(seen).not.toContain('529.982.247-25');
    expect(seen).toContain('Meu e-mail é [EMAIL_1] e meu CPF é [CPF_1], podem atualizar?');
  });

  it('accounts tokens and estimated cost per run and per tenant month', async () => {
    const customer = nextCustomer();
    await stack.ask(tenant, customer, 'Quanto custa o frete?');

    const run = await lastRun(customer);
    // Router and specialist: 2 × 42 prompt tokens at $1/M and 2 × 7 completion tokens at $2/M.
    expect(Number(run.cost_usd)).toBeCloseTo(0.000112, 9);
    const [runs] = await stack.query<{ cost: string; prompt: string }>(`SELECT sum(cost_usd) AS cost, sum(prompt_tokens) AS prompt FROM ai_results WHERE tenant_id = $1`, [tenant.tenantId]);
    const [month] = await stack.query<{ cost_usd: string; prompt_tokens: string }>(`SELECT cost_usd, prompt_tokens FROM usage_counters WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(Number(month.cost_usd)).toBeCloseTo(Number(runs.cost), 9);
    expect(Number(month.prompt_tokens)).toBe(Number(runs.prompt));
  });

  it('lets tenant admins read why each answer was given, per conversation', async () => {
    const customer = nextCustomer();
    openai().route = { specialist: 'relationship', confidence: 0.7, needsHuman: false, reason: 'a compliment' };
    await stack.ask(tenant, customer, 'Adorei o atendimento de ontem!');
    const conversation = await conversationOf(customer);

    const runs = await call(stack.app.url, 'GET', `/api/v1/conversations/${conversation.id}/ai-results`, { token: tenant.adminToken });

    expect(runs.status).toBe(200);
    expect(runs.body.items).toEqual([
      expect.objectContaining({ outcome: 'answered', route: 'relationship', reasoning: 'a compliment', memorySource: 'l2', cacheHit: false, toolCalls: [] }),
    ]);
  });
});

interface AiRow {
  outcome: string;
  route: string | null;
  confidence: number | null;
  reasoning: string | null;
  provider: string;
  model: string;
  memory_source: string | null;
  tool_calls: { tool: string; args: unknown; result: string; ok: boolean }[];
  retrieved_chunk_ids: string[];
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: string;
}

/** Simulates the window's TTL running out. */
async function deleteSessionWindow(stack: Stack, conversationId: string): Promise<number> {
  const redis = new Redis(stack.app.config.REDIS_URL);
  try {
    const keys = await redis.keys(`${stack.redisPrefix}:ai:session:*${conversationId}*`);
    return keys.length > 0 ? await redis.del(...keys) : 0;
  } finally {
    redis.disconnect();
  }
}


describe('the AI engine on a plan with tenant HTTP tools and the semantic cache', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let shop: HttpStandIn;
  const SECRET = 'Bearer shop-secret-123';

  beforeAll(async () => {
    shop = await new HttpStandIn((request) => ({ status: 200, json: { order: request.path.split('/').pop(), status: 'enviado', previsao: '2026-11-25' } })).start();
    stack = await startStack('ai_engine_pro', { openai: true, extra: { HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS: 'true' } });
    tenant = await newTenant(stack.app.url, 'Pro');
    const platform = await login(stack.app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const moved = await call(stack.app.url, 'PUT', `/api/v1/tenants/${tenant.tenantId}/subscription`, { token: platform, json: { planCode: 'pro' } });
    expect(moved.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
    await shop?.stop();
  });

  beforeEach(() => {
    stack.openai!.script = [];
    stack.openai!.route = { specialist: 'support', confidence: 0.9, needsHuman: false, reason: 'stand-in route' };
  });

  it("calls the tenant's own system through an HTTP tool with validated arguments and answers with its result", async () => {
    const created = await call(stack.app.url, 'POST', '/api/v1/http-tools', {
      token: tenant.adminToken,
      json: {
        name: 'status_do_pedido',
        description: 'Consulta o status de um pedido pelo número',
        parameters: { type: 'object', properties: { orderId: { type: 'string', maxLength: 20 } }, required: ['orderId'], additionalProperties: false },
        url: `${shop.url}/orders/{orderId}`,
        method: 'GET',
        headers: { Authorization: SECRET },
      },
    });
    expect(created.status).toBe(201);
    const support = (await call(stack.app.url, 'GET', '/api/v1/specialists?limit=50', { token: tenant.adminToken })).body.items.find((s: { slug: string }) => s.slug === 'support');
    const patched = await call(stack.app.url, 'PATCH', `/api/v1/specialists/${support.id}`, { token: tenant.adminToken, json: { allowedTools: [...support.allowedTools, 'status_do_pedido'] } });
    expect(patched.status).toBe(200);
    stack.openai!.script = [
      { toolCalls: [{ name: 'status_do_pedido', args: { orderId: 12345 } }] },
      { toolCalls: [{ name: 'status_do_pedido', args: { orderId: 'A12345' } }] },
      { content: 'Seu pedido A12345 foi enviado e chega em 25/11.' },
    ];

    const sent = await stack.ask(tenant, '+5511955550001', 'Qual o status do pedido A12345?');

    expect(sent.body).toBe('Seu pedido A12345 foi enviado e chega em 25/11.');
    expect(shop.requests.map((r) => r.path)).toEqual(['/orders/A12345']);
    expect(shop.requests[0].headers.authorization).toBe(SECRET);
    const [run] = await stack.query<{ tool_calls: { tool: string; ok: boolean; result: string }[] }>(`SELECT tool_calls FROM ai_results WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(run.tool_calls.map((c) => c.tool)).toEqual(['status_do_pedido', 'status_do_pedido']);
    expect(run.tool_calls[0].result).toContain('invalid arguments');
    expect(run.tool_calls[1].result).toContain('enviado');
    expect(JSON.stringify(run.tool_calls)).not.toContain('shop-secret-123');
  });

  it('answers a question close enough to an earlier knowledge-base answer from the semantic cache, without an LLM call', async () => {
    const upload = await call(stack.app.url, 'POST', '/api/v1/knowledge-base/documents', {
      token: tenant.adminToken,
      json: { title: 'Entrega', format: 'text', content: 'Entregamos em todo o Brasil. O prazo de entrega para capitais é de 3 dias úteis.' },
    });
    expect(upload.status).toBe(201);
    stack.openai!.script = [{ toolCalls: [{ name: 'search_knowledge_base', args: { query: 'prazo de entrega capitais' } }] }, { content: 'Para capitais o prazo é de 3 dias úteis.' }];
    await stack.ask(tenant, '+5511955550002', 'Qual o prazo de entrega para capitais?');
    const calls = stack.openai!.completions.length;

    const cached = await stack.ask(tenant, '+5511955550003', 'qual o prazo de entrega para as capitais?');

    expect(cached.body).toBe('Para capitais o prazo é de 3 dias úteis.');
    expect(stack.openai!.completions.length).toBe(calls);
    const [run] = await stack.query<{ cache_hit: boolean; prompt_tokens: number; retrieved_chunk_ids: string[] }>(
      `SELECT r.cache_hit, r.prompt_tokens, r.retrieved_chunk_ids FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = 'whatsapp:+5511955550003'`,
    );
    expect(run).toMatchObject({ cache_hit: true, prompt_tokens: 0 });
    expect(run.retrieved_chunk_ids).toHaveLength(1);

    // A new document may contradict a cached answer: the cache is emptied.
    await call(stack.app.url, 'POST', '/api/v1/knowledge-base/documents', { token: tenant.adminToken, json: { title: 'Novo', format: 'text', content: 'Novidade: frete grátis.' } });
    const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM semantic_cache_entries WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(n).toBe(0);
  });
});
