import { randomUUID } from 'node:crypto';
import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { spawnBuiltService } from '../support/child-process';
import { LiveClient, openConsole, refusedConsole } from '../support/live-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const redis = testRedis('livegw');

/**
 * The api (HTTP, webhooks, the socket server) and the worker (the AI job) in separate OS
 * processes: what the worker raises reaches consoles connected to the api through Redis.
 */
describe('live gateway with the api and the worker in separate processes', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: TestApp;
  let worker: ReturnType<typeof spawnBuiltService>;
  let shop: TenantFixture;
  let other: TenantFixture;
  const consoles: LiveClient[] = [];

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('live_gateway');
    const env = testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url });
    api = await startTestApp({ ...env, APP_ROLE: 'api' });
    worker = spawnBuiltService({ ...env, APP_ROLE: 'worker', LOG_LEVEL: 'info' });
    await eventually(() => worker.output().includes('Atende started'), 'the worker process to start', 30_000);
    [shop, other] = await Promise.all([newTenant(api.url, 'Loja'), newTenant(api.url, 'Outra')]);
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await api?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  async function agentConsole(tenant: TenantFixture): Promise<LiveClient> {
    const email = `agent-${randomUUID()}@live.test`;
    const created = await call(api.url, 'POST', '/api/v1/staff', { token: tenant.adminToken, json: { email, password: 'agent-password-2024', role: 'agent' } });
    expect(created.status).toBe(201);
    const opened = await openConsole(api.url, await login(api.url, email, 'agent-password-2024'));
    consoles.push(opened);
    return opened;
  }

  it("pushes the handoff and the customer's message, handled by the worker process, to the tenant's agents only", async () => {
    const agent = await agentConsole(shop);
    const outsider = await agentConsole(other);
    const anonymous = await refusedConsole(api.url, undefined);
    consoles.push(anonymous.client);
    expect(anonymous.message).toBe('unauthorized');

    const customer = '+5511933330001';
    const posted = await postInbound(api.url, inboundForm(shop, { from: customer, body: 'quero falar com um atendente' }), shop.number.authToken);
    expect(posted.status).toBe(200);

    const [handoff] = await eventually(() => agent.events('conversation.updated').filter((u) => u.change === 'handoff').length > 0 && agent.events('conversation.updated').filter((u) => u.change === 'handoff'), 'the handoff on the console', 30_000);
    expect(handoff).toMatchObject({ type: 'conversation.updated', change: 'handoff', conversation: { id: handoff.conversationId, state: 'HANDOFF_PENDING', contact: { phoneNumber: customer } } });
    const fromCustomer = await eventually(() => agent.events('message.created').find((u) => u.message.author === 'contact'), "the customer's message on the console");
    expect(fromCustomer).toMatchObject({ conversationId: handoff.conversationId, message: { direction: 'inbound', author: 'contact', body: 'quero falar com um atendente' } });

    // The acknowledgement to the customer is also pushed; by then the other tenant would have heard anything it was sent.
    await eventually(() => agent.events('message.created').some((u) => u.message.author !== 'contact'), 'the acknowledgement on the console');
    expect(outsider.received.map((e) => e.event)).toEqual(['ready']);
    expect(anonymous.client.received).toEqual([]);
  });
});
