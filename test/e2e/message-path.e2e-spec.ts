import { call, inboundForm, newMessageSid, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';
import { testRedis } from '../support/redis';

const redis = testRedis('path');

describe('the message path: Twilio webhook → worker → LLM → Twilio send', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let tenant: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('message_path');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url }));
    tenant = await newTenant(app.url, 'Loja A');
    other = await newTenant(app.url, 'Loja B');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  const sentTo = (phone: string) => twilio.accepted.filter((m) => m.to === `whatsapp:${phone}`);

  it('answers a signed inbound message with exactly one send carrying the LLM text, from the tenant number, on its account', async () => {
    openai.reply = 'Olá! Nosso horário é das 9h às 18h.';
    const customer = '+5511911110001';
    const form = inboundForm(tenant, { from: customer, body: 'Qual o horário de vocês?' });

    const response = await postInbound(app.url, form, tenant.number.authToken);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(response.text).toContain('<Response/>');
    const [sent] = await eventually(() => sentTo(customer).length > 0 && sentTo(customer), 'the reply at the Twilio stand-in');
    await pause(300);
    expect(sentTo(customer)).toHaveLength(1);
    expect(sent.body).toBe('Olá! Nosso horário é das 9h às 18h.');
    expect(sent.from).toBe(`whatsapp:${tenant.number.phoneNumber}`);
    expect(sent.accountSid).toBe(tenant.number.accountSid);
    expect(sent.basicUser).toBe(tenant.number.accountSid);
    expect(sent.basicPassword).toBe(tenant.number.authToken);

    const lastCall = openai.completions[openai.completions.length - 1];
    expect(lastCall.model).toBe('gpt-test-stand-in');
    expect(lastCall.messages[lastCall.messages.length - 1]).toEqual({ role: 'user', content: 'Qual o horário de vocês?' });
  });

  it('gives the LLM the conversation so far as context', async () => {
    const customer = '+5511911110002';
    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Meu nome é Ana' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 1, 'first reply');
    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Qual é o meu nome?' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 2, 'second reply');

    const contents = openai.completions.map((c) => c.messages.map((m) => m.content));
    const second = contents.find((c) => c.includes('Qual é o meu nome?'))!;
    expect(second).toEqual(expect.arrayContaining(['Meu nome é Ana', openai.reply, 'Qual é o meu nome?']));
  });

  it('answers a Twilio retry of the same MessageSid only once, even five concurrent deliveries', async () => {
    const customer = '+5511911110003';
    const form = inboundForm(tenant, { from: customer, body: 'Oi', sid: newMessageSid() });

    const responses = await Promise.all(Array.from({ length: 5 }, () => postInbound(app.url, form, tenant.number.authToken)));

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await eventually(() => sentTo(customer).length > 0, 'the reply');
    await pause(500);
    expect(sentTo(customer)).toHaveLength(1);
    const stored = await queryDb(db.url, `SELECT count(*)::int AS n FROM messages WHERE provider_sid = $1`, [form.MessageSid]);
    expect(stored[0].n).toBe(1);
  });

  it('carries one correlation id from the webhook request into the stored message and its reply', async () => {
    const customer = '+5511911110011';
    const correlationId = 'trace-0123456789abcdef';
    const response = await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'rastreio' }), tenant.number.authToken, undefined, {
      'x-correlation-id': correlationId,
    });
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    await eventually(() => sentTo(customer).length === 1, 'the reply');
    const rows = await queryDb<{ direction: string; correlation_id: string }>(
      db.url,
      `SELECT direction, correlation_id FROM messages WHERE from_address = $1 OR to_address = $1 ORDER BY created_at`,
      [`whatsapp:${customer}`],
    );
    expect(rows).toEqual([
      { direction: 'inbound', correlation_id: correlationId },
      { direction: 'outbound', correlation_id: correlationId },
    ]);
  });

  it('refuses a forged signature with 403 and stores and answers nothing', async () => {
    const customer = '+5511911110004';
    const form = inboundForm(tenant, { from: customer, body: 'forged' });

    const forged = await postInbound(app.url, form, 'not-the-auth-token-of-this-number');
    const unsigned = await postInbound(app.url, form, null);

    expect(forged.status).toBe(403);
    expect(unsigned.status).toBe(403);
    await pause(500);
    expect(sentTo(customer)).toHaveLength(0);
    const stored = await queryDb(db.url, `SELECT count(*)::int AS n FROM messages WHERE provider_sid = $1`, [form.MessageSid]);
    expect(stored[0].n).toBe(0);
  });

  it('refuses a message to a number nobody registered with a 4xx', async () => {
    const form = { ...inboundForm(tenant, { from: '+5511911110005', body: 'oi' }), To: 'whatsapp:+15559999999' };
    const response = await postInbound(app.url, form, tenant.number.authToken);
    expect(response.status).toBe(404);
  });

  it("shows the conversation and both messages to the tenant's admin, 404 to another tenant, 401 without a token", async () => {
    const customer = '+5511911110006';
    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Quero saber do meu pedido' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 1, 'the reply');

    const list = await call(app.url, 'GET', '/api/v1/conversations?limit=100', { token: tenant.adminToken });
    expect(list.status).toBe(200);
    const conversations = list.body.items as { id: string; contact: { id: string } }[];
    const contact = await queryDb<{ id: string }>(db.url, `SELECT id FROM contacts WHERE phone_number = $1`, [customer]);
    const conversation = conversations.find((c) => c.contact.id === contact[0].id)!;
    expect(conversation).toBeDefined();

    const messages = await eventually(async () => {
      const r = await call(app.url, 'GET', `/api/v1/conversations/${conversation.id}/messages`, { token: tenant.adminToken });
      return r.body.items.length === 2 && r.body.items[1].providerSid ? r : undefined;
    }, 'both messages with the send recorded');
    expect(messages.body.items.map((m: any) => [m.direction, m.author, m.body])).toEqual([
      ['inbound', 'contact', 'Quero saber do meu pedido'],
      ['outbound', 'ai', openai.reply],
    ]);
    expect(messages.body.items[1].status).toBe('queued');

    const foreign = await call(app.url, 'GET', `/api/v1/conversations/${conversation.id}/messages`, { token: other.adminToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const foreignGet = await call(app.url, 'GET', `/api/v1/conversations/${conversation.id}`, { token: other.adminToken });
    expect(foreignGet.status).toBe(404);
    const foreignList = await call(app.url, 'GET', '/api/v1/conversations?limit=100', { token: other.adminToken });
    expect(foreignList.body.items.map((c: any) => c.id)).not.toContain(conversation.id);

    const anonymous = await call(app.url, 'GET', `/api/v1/conversations/${conversation.id}/messages`);
    expect(anonymous.status).toBe(401);
    const badToken = await call(app.url, 'GET', '/api/v1/conversations', { token: 'not.a.jwt' });
    expect(badToken.status).toBe(401);
  });

  it('ends with one delivered message when Twilio answers 500 and then 201', async () => {
    const customer = '+5511911110007';
    const before = twilio.requests.length;
    twilio.failNext(500);

    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Tudo bem?' }), tenant.number.authToken);

    const [sent] = await eventually(() => sentTo(customer).length > 0 && sentTo(customer), 'the retried send');
    await pause(500);
    expect(sentTo(customer)).toHaveLength(1);
    expect(twilio.requests.length - before).toBe(2);
    const rows = await eventually(async () => {
      const r = await queryDb<{ status: string; provider_sid: string }>(db.url, `SELECT status, provider_sid FROM messages WHERE to_address = $1`, [`whatsapp:${customer}`]);
      return r[0]?.provider_sid ? r : undefined;
    }, 'the SID stored');
    expect(rows).toEqual([{ status: 'queued', provider_sid: sent.sid }]);
  });

  it('retries on 429 too, and gives up with the error recorded on a permanent 400', async () => {
    const customer = '+5511911110008';
    twilio.failNext(429);
    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Oi de novo' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 1, 'the send after a 429');

    const unlucky = '+5511911110009';
    const before = twilio.requests.length;
    twilio.failNext(400, { code: 21211 });
    await postInbound(app.url, inboundForm(tenant, { from: unlucky, body: 'Olá' }), tenant.number.authToken);
    const rows = await eventually(async () => {
      const r = await queryDb<{ status: string; error_code: string }>(db.url, `SELECT status, error_code FROM messages WHERE to_address = $1`, [`whatsapp:${unlucky}`]);
      return r[0]?.status === 'failed' ? r : undefined;
    }, 'the failure recorded');
    expect(rows[0].error_code).toBe('21211');
    await pause(300);
    expect(twilio.requests.length - before).toBe(1);
  });

  it('retries a failing LLM and, when it stays down, sends one polite fallback, audits the failure and hands the chat to a person', async () => {
    const customer = '+5511911110010';
    const callsBefore = openai.completions.length;
    openai.failWith = 503;
    try {
      await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Vocês entregam no sábado?' }), tenant.number.authToken);
      const [sent] = await eventually(() => sentTo(customer).length > 0 && sentTo(customer), 'the fallback reply');
      expect(sent.body).toBe('Desculpe, não consegui responder agora. Nossa equipe vai ver sua mensagem e continuar o atendimento.');
    } finally {
      openai.failWith = null;
    }
    await pause(300);
    expect(sentTo(customer)).toHaveLength(1);
    expect(openai.completions.length - callsBefore).toBe(3); // AI_LLM_RETRY_ATTEMPTS' default, retried inside the engine
    const audit = await queryDb<{ outcome: string; error: string }>(
      db.url,
      `SELECT r.outcome, r.error FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = $1`,
      [`whatsapp:${customer}`],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].outcome).toBe('failed');
    expect(audit[0].error).toContain('503');
    const reply = await queryDb<{ author: string }>(db.url, `SELECT author FROM messages WHERE to_address = $1`, [`whatsapp:${customer}`]);
    expect(reply).toEqual([{ author: 'system' }]);
    const [conversation] = await queryDb<{ state: string; handoff_reason: string }>(
      db.url,
      `SELECT c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1`,
      [customer],
    );
    expect(conversation).toEqual({ state: 'HANDOFF_PENDING', handoff_reason: 'ai_unavailable' });
  });

  it('hands the chat to a person when the customer asks for one: one acknowledgement, then the AI stays silent', async () => {
    const customer = '+5511911110012';
    const llmCalls = openai.completions.length;

    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Quero falar com um atendente, por favor' }), tenant.number.authToken);
    const [ack] = await eventually(() => sentTo(customer).length > 0 && sentTo(customer), 'the acknowledgement');
    expect(ack.body).toContain('pessoa');
    for (const body of ['Alô?', 'Tem alguém aí?', 'Preciso de ajuda']) {
      await postInbound(app.url, inboundForm(tenant, { from: customer, body }), tenant.number.authToken);
    }
    await eventually(async () => {
      const rows = await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM messages WHERE from_address = $1 AND processed_at IS NOT NULL`, [`whatsapp:${customer}`]);
      return rows[0].n === 4;
    }, 'all four messages handled');
    await pause(300);
    expect(sentTo(customer)).toHaveLength(1);
    expect(openai.completions.length).toBe(llmCalls);

    const [conversation] = await queryDb<{ state: string; handoff_reason: string }>(
      db.url,
      `SELECT c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1`,
      [customer],
    );
    expect(conversation).toEqual({ state: 'HANDOFF_PENDING', handoff_reason: 'customer_requested' });
    const [audit] = await queryDb<{ outcome: string }>(
      db.url,
      `SELECT r.outcome FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = $1`,
      [`whatsapp:${customer}`],
    );
    expect(audit.outcome).toBe('handed_off');
  });

  it('records an ai_results row with model, tokens, latency and outcome for each answer', async () => {
    const rows = await queryDb<any>(db.url, `SELECT provider, model, prompt_tokens, completion_tokens, latency_ms, outcome, reply_message_id FROM ai_results WHERE tenant_id = $1 AND outcome = 'answered'`, [tenant.tenantId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // Two LLM calls per answer: the router's and the specialist's (the stand-in reports 42 + 7 tokens for each).
      expect(row).toMatchObject({ provider: 'openai', model: 'gpt-test-stand-in', prompt_tokens: 84, completion_tokens: 14, outcome: 'answered' });
      expect(row.latency_ms).toBeGreaterThanOrEqual(0);
      expect(row.reply_message_id).toEqual(expect.any(String));
    }
  });
});
