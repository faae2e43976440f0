import { textOf } from '../support/stand-ins/openai-stand-in';
import { call, newTenant, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';

const RESILIENCE = { AI_LLM_RETRY_ATTEMPTS: '2', AI_LLM_RETRY_BASE_MS: '10', AI_LLM_RETRY_MAX_MS: '20', AI_BREAKER_FAILURE_THRESHOLD: '4', AI_BREAKER_COOLDOWN_MS: '600000' };
const FALLBACK_REPLY = 'Desculpe, não consegui responder agora. Nossa equipe vai ver sua mensagem e continuar o atendimento.';

describe('the AI engine when the provider is down: retries, circuit breaker, fallback reply and handoff', () => {
  let stack: Stack;
  let tenant: TenantFixture;

  beforeAll(async () => {
    stack = await startStack('ai_outage', { openai: true, extra: RESILIENCE });
    tenant = await newTenant(stack.app.url, 'Outage');
    stack.openai!.failWith = 500;
  });

  afterAll(() => stack?.close());

  const stateOf = async (customer: string) =>
    (
      await stack.query<{ state: string; handoff_reason: string }>(
        `SELECT c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1`,
        [customer],
      )
    )[0];

  it('retries, then sends one polite fallback and hands the chat to a person; the breaker opens and later messages skip the provider', async () => {
    const calls = () => stack.openai!.completions.length;

    const first = await stack.ask(tenant, '+5511944440001', 'Qual o prazo de entrega?');
    expect(first.body).toBe(FALLBACK_REPLY);
    expect(calls()).toBe(2);
    expect(await stateOf('+5511944440001')).toEqual({ state: 'HANDOFF_PENDING', handoff_reason: 'ai_unavailable' });
    const [audit] = await stack.query<{ outcome: string; error: string }>(
      `SELECT r.outcome, r.error FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = 'whatsapp:+5511944440001'`,
    );
    expect(audit.outcome).toBe('failed');
    expect(audit.error).toContain('500');

    await stack.ask(tenant, '+5511944440002', 'Vocês têm loja física?');
    expect(calls()).toBe(4);
    const health = await call(stack.app.url, 'GET', '/health/ready');
    expect(health.status).toBe(200);
    expect(JSON.stringify(health.body)).toContain('"openai:gpt-test-stand-in":"open"');
    const metrics = await fetch(`${stack.app.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/atende_llm_breaker_state\{[^}]*key="openai:gpt-test-stand-in"[^}]*\} 2/);

    const third = await stack.ask(tenant, '+5511944440003', 'Alguém aí?');
    expect(third.body).toBe(FALLBACK_REPLY);
    expect(calls()).toBe(4);
    expect(await stateOf('+5511944440003')).toEqual({ state: 'HANDOFF_PENDING', handoff_reason: 'ai_unavailable' });
  });
});

describe('the AI engine with a fallback model', () => {
  let stack: Stack;
  let tenant: TenantFixture;

  beforeAll(async () => {
    stack = await startStack('ai_fallback_model', { openai: true, extra: { ...RESILIENCE, OPENAI_FALLBACK_MODEL: 'gpt-fallback-stand-in' } });
    tenant = await newTenant(stack.app.url, 'Fallback');
    stack.openai!.failWith = 503;
    stack.openai!.failModel = 'gpt-test-stand-in';
    stack.openai!.reply = 'Resposta do modelo reserva.';
  });

  afterAll(() => stack?.close());

  it('answers through the fallback model when the primary stays down, and audits the model that answered', async () => {
    const sent = await stack.ask(tenant, '+5511944440010', 'Qual o prazo de entrega?');

    expect(sent.body).toBe('Resposta do modelo reserva.');
    const models = stack.openai!.completions.map((c) => c.model);
    expect(models.filter((m) => m === 'gpt-test-stand-in').length).toBeGreaterThanOrEqual(2);
    expect(models).toContain('gpt-fallback-stand-in');
    const [audit] = await stack.query<{ outcome: string; model: string }>(`SELECT outcome, model FROM ai_results WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(audit).toEqual({ outcome: 'answered', model: 'gpt-fallback-stand-in' });
  });
});

describe('the AI engine under a context token budget', () => {
  let stack: Stack;
  let tenant: TenantFixture;

  beforeAll(async () => {
    stack = await startStack('ai_budget', { openai: true, extra: { AI_CONTEXT_TOKEN_BUDGET: '700' } });
    tenant = await newTenant(stack.app.url, 'Budget');
  });

  afterAll(() => stack?.close());

  it('trims the conversation to the budget, newest turns first, cutting a single oversized message from its start', async () => {
    const long = `${'Detalhes do pedido anterior. '.repeat(150)}Fim do texto longo.`;
    await stack.ask(tenant, '+5511944440020', long);
    const [firstCall] = stack.openai!.agentCompletions;
    const sentLong = textOf(firstCall.messages.find((m) => m.role === 'user')!.content);
    expect(sentLong.length).toBeLessThan(long.length);
    expect(sentLong.endsWith('Fim do texto longo.')).toBe(true);

    await stack.ask(tenant, '+5511944440020', 'E o prazo?');
    const secondCall = stack.openai!.agentCompletions.at(-1)!;
    const userTurns = secondCall.messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(userTurns).toEqual(['E o prazo?']);
  });
});
