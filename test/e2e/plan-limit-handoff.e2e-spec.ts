import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('planlimit');

describe("a tenant over its plan's monthly AI replies", () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('plan_limit');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url }));
    tenant = await newTenant(app.url, 'Pequena');
    const platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const plan = await call(app.url, 'POST', '/api/v1/plans', {
      token: platform,
      json: { code: 'tiny', name: 'Tiny', aiRepliesPerMonth: 1, kbMaxBytes: null, maxSpecialists: null, allowedTools: [], features: {} },
    });
    expect(plan.status).toBe(201);
    const subscribed = await call(app.url, 'PUT', `/api/v1/tenants/${tenant.tenantId}/subscription`, { token: platform, json: { planCode: 'tiny' } });
    expect(subscribed.status).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  const sentTo = (phone: string) => twilio.accepted.filter((m) => m.to === `whatsapp:${phone}`);

  it('answers within the limit, then hands the conversation to a human with the reason and tells the customer once', async () => {
    const customer = '+5511977770001';
    openai.reply = 'Resposta da IA dentro do limite.';

    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Primeira pergunta' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 1, 'the AI reply within the limit');
    expect(sentTo(customer)[0].body).toBe('Resposta da IA dentro do limite.');
    const llmCalls = openai.completions.length;

    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Segunda pergunta' }), tenant.number.authToken);
    await eventually(() => sentTo(customer).length === 2, 'the handoff acknowledgement');
    expect(sentTo(customer)[1].body).toBe('Um atendente vai continuar o atendimento. Aguarde um momento, por favor.');
    expect(openai.completions.length).toBe(llmCalls);

    const [conversation] = await queryDb<{ id: string; state: string; handoff_reason: string }>(
      db.url,
      `SELECT c.id, c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1`,
      [customer],
    );
    expect(conversation).toMatchObject({ state: 'HANDOFF_PENDING', handoff_reason: 'plan_limit_reached' });
    const events = await queryDb(db.url, `SELECT from_state, to_state, actor_type, reason FROM conversation_events WHERE conversation_id = $1`, [conversation.id]);
    expect(events).toEqual([{ from_state: 'WAITING_USER', to_state: 'HANDOFF_PENDING', actor_type: 'system', reason: 'plan_limit_reached' }]);

    const api = await call(app.url, 'GET', `/api/v1/conversations/${conversation.id}`, { token: tenant.adminToken });
    expect(api.body.state).toBe('HANDOFF_PENDING');
  });

  it('stays silent afterwards: further messages are stored, never answered by the AI nor acknowledged again', async () => {
    const customer = '+5511977770001';
    const llmCalls = openai.completions.length;

    await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Terceira pergunta' }), tenant.number.authToken);
    await eventually(async () => {
      const rows = await queryDb<{ processed_at: Date | null }>(db.url, `SELECT processed_at FROM messages WHERE body = 'Terceira pergunta'`);
      return rows[0]?.processed_at ? rows : undefined;
    }, 'the third message handled');
    await pause(300);
    expect(sentTo(customer)).toHaveLength(2);
    expect(openai.completions.length).toBe(llmCalls);
  });

  it("hands a new customer's first message to a human too, since the month's replies are used up", async () => {
    const other = '+5511977770002';
    await postInbound(app.url, inboundForm(tenant, { from: other, body: 'Olá' }), tenant.number.authToken);
    const [ack] = await eventually(() => sentTo(other).length > 0 && sentTo(other), 'the acknowledgement');
    expect(ack.body).toContain('atendente');
    const usage = await call(app.url, 'GET', '/api/v1/subscription', { token: tenant.adminToken });
    expect(usage.body.usage.aiReplies).toBe(1);
  });
});
