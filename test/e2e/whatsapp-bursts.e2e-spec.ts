import { call, inboundForm, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn, textOf, type ChatRequestBody } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('bursts');

/**
 * Bursts, ordering and abuse on the WhatsApp channel: an api+worker process and a second worker
 * process on one database and Redis, Twilio and OpenAI as stand-ins reached through the real SDKs.
 */
describe('WhatsApp bursts, one run per conversation, and the inbound limit', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let secondWorker: TestApp;
  let tenant: TenantFixture;
  let phone = 5511933330000;
  const nextCustomer = () => `+${(phone += 1)}`;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('whatsapp_bursts');
    const env = testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url });
    app = await startTestApp(env);
    secondWorker = await startTestApp({ ...env, APP_ROLE: 'worker' });
    tenant = await newTenant(app.url, 'Bursts');
  });

  afterAll(async () => {
    await secondWorker?.close();
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  beforeEach(() => {
    openai.chatDelayMs = 0;
    openai.maxConcurrentChats = 0;
    openai.script = [];
    openai.reply = 'Resposta do modelo de teste.';
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => queryDb<T>(db.url, sql, params);
  const sentTo = (customer: string) => twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`);
  const send = async (customer: string, body: string) => {
    const response = await postInbound(app.url, inboundForm(tenant, { from: customer, body }), tenant.number.authToken);
    expect(response.status).toBe(200);
  };
  const channelSettings = (settings: { debounceMs: number; inboundLimitPerMinute: number }) =>
    query(
      `INSERT INTO channel_settings (tenant_id, debounce_ms, inbound_limit_per_minute) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET debounce_ms = EXCLUDED.debounce_ms, inbound_limit_per_minute = EXCLUDED.inbound_limit_per_minute`,
      [tenant.tenantId, settings.debounceMs, settings.inboundLimitPerMinute],
    );
  const inboundOf = (customer: string) =>
    query<{ id: string; body: string; processed_at: Date | null; throttled: boolean; conversation_id: string | null }>(
      `SELECT id, body, processed_at, throttled, conversation_id FROM messages WHERE from_address = $1 AND direction = 'inbound' ORDER BY created_at, id`,
      [`whatsapp:${customer}`],
    );
  const repliesTo = (customer: string) =>
    query<{ id: string; body: string; in_reply_to: string }>(`SELECT id, body, in_reply_to FROM messages WHERE to_address = $1 AND direction = 'outbound' ORDER BY created_at, id`, [`whatsapp:${customer}`]);
  const userTexts = (completion: ChatRequestBody) => completion.messages.filter((m) => m.role === 'user').map((m) => textOf(m.content));
  const agentCallsMentioning = (text: string) => openai.agentCompletions.filter((c) => userTexts(c).some((t) => t.includes(text)));
  const routerCallsMentioning = (text: string) => openai.routerCompletions.filter((c) => c.messages.some((m) => textOf(m.content).includes(text)));

  it('answers three messages sent within the window in one AI run whose context holds all three, with one reply', async () => {
    await channelSettings({ debounceMs: 1500, inboundLimitPerMinute: 20 });
    const customer = nextCustomer();
    openai.reply = 'Abrimos sábado das 9h às 13h.';

    await send(customer, 'Oi, tudo bem?');
    await send(customer, 'Vocês abrem no sábado?');
    await send(customer, 'Até que horas?');

    await eventually(async () => (await inboundOf(customer)).every((m) => m.processed_at) && sentTo(customer).length > 0, 'the burst to be answered');
    // Every job of the burst has come due by now; none may answer again.
    await pause(1500);
    expect(sentTo(customer).map((m) => m.body)).toEqual(['Abrimos sábado das 9h às 13h.']);

    const inbound = await inboundOf(customer);
    const [reply] = await repliesTo(customer);
    expect(reply.in_reply_to).toBe(inbound[2].id);
    expect(new Set(inbound.map((m) => m.conversation_id)).size).toBe(1);
    const agentCalls = agentCallsMentioning('Até que horas?');
    expect(agentCalls).toHaveLength(1);
    expect(agentCallsMentioning('Oi, tudo bem?')).toEqual(agentCalls);
    expect(userTexts(agentCalls[0])).toEqual(['Oi, tudo bem?', 'Vocês abrem no sábado?', 'Até que horas?']);
    expect(routerCallsMentioning('Até que horas?')).toHaveLength(1);
    const runs = await query<{ inbound_message_id: string }>(`SELECT inbound_message_id FROM ai_results WHERE conversation_id = $1`, [inbound[0].conversation_id]);
    expect(runs).toEqual([{ inbound_message_id: inbound[2].id }]);
  });

  it('never runs the AI twice at once for one conversation across two worker processes, and replies in the order the questions came', async () => {
    await channelSettings({ debounceMs: 800, inboundLimitPerMinute: 20 });
    const customer = nextCustomer();
    openai.chatDelayMs = 1200;
    openai.script = [{ content: 'Resposta ao primeiro grupo.' }, { content: 'Resposta ao segundo grupo.' }];

    await send(customer, 'Quero trocar um produto.');
    await send(customer, 'Comprei semana passada.');
    // The first run is talking to the slow model when the second burst comes in and its window closes.
    await eventually(() => routerCallsMentioning('Comprei semana passada.').length > 0, 'the first run to reach the model');
    await send(customer, 'Ah, e o frete é grátis?');
    await send(customer, 'Moro em Campinas.');

    await eventually(() => sentTo(customer).length >= 2, 'both replies', 30_000);
    await eventually(async () => (await inboundOf(customer)).every((m) => m.processed_at), 'every message answered');
    await pause(1000);

    expect(openai.maxConcurrentChats).toBe(1);
    expect(sentTo(customer).map((m) => m.body)).toEqual(['Resposta ao primeiro grupo.', 'Resposta ao segundo grupo.']);
    const inbound = await inboundOf(customer);
    expect((await repliesTo(customer)).map((r) => r.in_reply_to)).toEqual([inbound[1].id, inbound[3].id]);
    const secondRun = agentCallsMentioning('Moro em Campinas.');
    expect(secondRun).toHaveLength(1);
    // The second run reads the whole conversation: the first burst, its answer, then the second burst.
    expect(userTexts(secondRun[0])).toEqual(['Quero trocar um produto.', 'Comprei semana passada.', 'Ah, e o frete é grátis?', 'Moro em Campinas.']);
    expect(secondRun[0].messages.some((m) => m.role === 'assistant' && textOf(m.content) === 'Resposta ao primeiro grupo.')).toBe(true);
  });

  it("stores messages over the contact's inbound limit as throttled, never sends them to the AI, and shows it to the tenant", async () => {
    await channelSettings({ debounceMs: 1000, inboundLimitPerMinute: 3 });
    const customer = nextCustomer();
    openai.reply = 'Recebi suas mensagens.';
    // Counted per clock minute: keep the five messages inside one.
    while (Date.now() % 60_000 > 50_000) await pause(250);

    for (const body of ['um', 'dois', 'três', 'quatro', 'cinco']) await send(customer, `mensagem ${body}`);

    await eventually(() => sentTo(customer).length > 0, 'the reply to the messages within the limit');
    await eventually(async () => (await inboundOf(customer)).every((m) => m.processed_at), 'every message handled');
    await pause(1200);
    expect(sentTo(customer).map((m) => m.body)).toEqual(['Recebi suas mensagens.']);
    const inbound = await inboundOf(customer);
    expect(inbound.map((m) => m.throttled)).toEqual([false, false, false, true, true]);
    expect(agentCallsMentioning('mensagem quatro')).toEqual([]);
    expect(userTexts(agentCallsMentioning('mensagem três')[0])).toEqual(['mensagem um', 'mensagem dois', 'mensagem três']);

    const [{ id: contactId }] = await query<{ id: string }>(`SELECT id FROM contacts WHERE phone_number = $1`, [customer]);
    const contact = await call(app.url, 'GET', `/api/v1/contacts/${contactId}`, { token: tenant.adminToken });
    expect(contact.status).toBe(200);
    expect(contact.body.throttledCount).toBe(2);
    expect(Date.parse(contact.body.throttledUntil) % 60_000).toBe(0);
    expect(Date.parse(contact.body.throttledUntil)).toBeGreaterThan(Date.parse(String(inbound[4].processed_at)) - 60_000);

    const messages = await call(app.url, 'GET', `/api/v1/conversations/${inbound[0].conversation_id}/messages`, { token: tenant.adminToken });
    expect(messages.status).toBe(200);
    const view = (messages.body.items as { body: string; throttled: boolean }[]).filter((m) => m.body.startsWith('mensagem'));
    expect(view.map((m) => [m.body, m.throttled])).toEqual([
      ['mensagem um', false],
      ['mensagem dois', false],
      ['mensagem três', false],
      ['mensagem quatro', true],
      ['mensagem cinco', true],
    ]);
  });
});
