import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../src/core/config/app-config';
import { LiveRedisConnection } from '../../src/modules/conversation/infrastructure/live/live-redis.connection';
import { RedisAgentPresence } from '../../src/modules/conversation/infrastructure/live/redis-agent-presence';
import { RedisEmitterLiveUpdates } from '../../src/modules/conversation/infrastructure/live/redis-emitter.live-updates';
import type { LiveUpdate } from '../../src/modules/conversation/application/ports/live-updates.port';
import { call, login, newTenant, TenantFixture } from '../support/api-client';
import { LiveClient, openConsole, refusedConsole } from '../support/live-client';
import { testRedis } from '../support/redis';
import { eventually, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const redis = testRedis('live');
const STAFF_PASSWORD = 'agent-password-2024';

describe('live gateway: who may listen, and what each console hears', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let connection: LiveRedisConnection;
  let updates: RedisEmitterLiveUpdates;
  let presence: RedisAgentPresence;
  let shop: TenantFixture;
  let other: TenantFixture;
  const consoles: LiveClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('live_updates');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    // What any other process (a worker) would use to publish and to read presence.
    connection = new LiveRedisConnection(app.config);
    updates = new RedisEmitterLiveUpdates(connection, app.config);
    presence = new RedisAgentPresence(connection, app.config);
    shop = await newTenant(app.url, 'Loja');
    other = await newTenant(app.url, 'Outra');
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await app?.close();
    await connection?.onApplicationShutdown();
    await db?.drop();
    await redis.cleanup();
  });

  /** A staff member of the tenant, created by its admin and logged in. */
  async function newStaff(tenant: TenantFixture, role: 'agent' | 'tenant_admin' = 'agent'): Promise<{ id: string; token: string }> {
    const email = `${role}-${randomUUID()}@live.test`;
    const created = await call(app.url, 'POST', '/api/v1/staff', { token: tenant.adminToken, json: { email, password: STAFF_PASSWORD, role, name: 'Ana Agente' } });
    expect(created.status).toBe(201);
    return { id: created.body.id, token: await login(app.url, email, STAFF_PASSWORD) };
  }

  async function consoleOf(token: string): Promise<LiveClient> {
    const opened = await openConsole(app.url, token);
    consoles.push(opened);
    return opened;
  }

  const conversationUpdate = (conversationId: string): LiveUpdate => ({
    type: 'conversation.updated',
    conversationId,
    change: 'handoff',
    conversation: { id: conversationId, state: 'HANDOFF_PENDING', handoffReason: 'customer_request' },
  });
  const messageUpdate = (conversationId: string, body: string): LiveUpdate => ({
    type: 'message.created',
    conversationId,
    message: { id: randomUUID(), conversationId, direction: 'inbound', author: 'contact', body, status: 'received', errorCode: null, sentBy: null },
  });

  // First, so the lingering timer ioredis leaves after a failed connection ends while later tests run.
  it('keeps publishing safe when Redis cannot be reached: the update is dropped, the caller carries on', async () => {
    const unreachable = Object.assign(new AppConfig(), app.config, { REDIS_URL: 'redis://127.0.0.1:9/0' });
    const deadConnection = new LiveRedisConnection(unreachable);
    try {
      await expect(new RedisEmitterLiveUpdates(deadConnection, unreachable).publish(shop.tenantId, messageUpdate(randomUUID(), 'perdida'))).resolves.toBeUndefined();
    } finally {
      await deadConnection.onApplicationShutdown();
    }
  });

  it("greets an agent's console with ready, then pushes its tenant's updates and nothing of another tenant's", async () => {
    const agent = await newStaff(shop);
    const admin = await newStaff(shop, 'tenant_admin');
    const outsider = await newStaff(other);
    const [agentConsole, adminConsole, outsiderConsole] = await Promise.all([consoleOf(agent.token), consoleOf(admin.token), consoleOf(outsider.token)]);
    expect(agentConsole.events('ready')).toEqual([{ staffId: agent.id, tenantId: shop.tenantId }]);

    const ours = randomUUID();
    const theirs = randomUUID();
    await updates.publish(shop.tenantId, conversationUpdate(ours));
    await updates.publish(shop.tenantId, messageUpdate(ours, 'Quero falar com um atendente'));
    await updates.publish(other.tenantId, messageUpdate(theirs, 'Mensagem da outra loja'));

    for (const c of [agentConsole, adminConsole]) {
      await eventually(() => c.events('message.created').length === 1, 'the message update on a console of the tenant');
      expect(c.received.map((e) => e.event)).toEqual(['ready', 'conversation.updated', 'message.created']);
      expect(c.events('conversation.updated')[0]).toEqual(conversationUpdate(ours));
      expect(c.events('message.created')[0]).toMatchObject({ type: 'message.created', conversationId: ours, message: { author: 'contact', body: 'Quero falar com um atendente' } });
    }
    await eventually(() => outsiderConsole.events('message.created').length === 1, "the other tenant's own update");
    expect(outsiderConsole.received.map((e) => e.event)).toEqual(['ready', 'message.created']);
    expect(outsiderConsole.events('message.created')[0].conversationId).toBe(theirs);
  });

  it('refuses a socket without a token, with a bad or forged one, of a platform admin or of a disabled agent, and it hears nothing', async () => {
    const disabled = await newStaff(shop);
    expect((await call(app.url, 'POST', `/api/v1/staff/${disabled.id}/disable`, { token: shop.adminToken })).status).toBe(200);
    const platformAdmin = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const [, payload] = shop.adminToken.split('.');
    const forged = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

    const refusals = await Promise.all([undefined, '', 'not-a-token', forged, platformAdmin, disabled.token].map((token) => refusedConsole(app.url, token)));
    expect(refusals.map((r) => r.message)).toEqual(Array(6).fill('unauthorized'));

    const witness = await consoleOf((await newStaff(shop)).token);
    await updates.publish(shop.tenantId, messageUpdate(randomUUID(), 'Olá'));
    await eventually(() => witness.events('message.created').length === 1, 'the update on an admitted console');
    for (const { client } of refusals) {
      expect(client.received).toEqual([]);
      expect(client.socket.connected).toBe(false);
      client.close();
    }
  });

  it('serves the socket.io client script the console loads', async () => {
    const script = await fetch(`${app.url}/socket.io/socket.io.min.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('Socket.IO');
  });

  it('lists the staff with a console open, longest connected first, until their last console closes', async () => {
    const first = await newStaff(shop);
    const second = await newStaff(shop);
    const before = await presence.onlineStaff(shop.tenantId);
    const firstConsole = await consoleOf(first.token);
    const firstSecondTab = await consoleOf(first.token);
    const secondConsole = await consoleOf(second.token);

    const online = await presence.onlineStaff(shop.tenantId);
    expect(online.filter((id) => !before.includes(id))).toEqual([first.id, second.id]);
    expect(await presence.onlineStaff(other.tenantId)).not.toContain(first.id);

    firstConsole.close();
    secondConsole.close();
    await eventually(async () => !(await presence.onlineStaff(shop.tenantId)).includes(second.id), 'the closed console to leave presence');
    expect(await presence.onlineStaff(shop.tenantId)).toContain(first.id);

    firstSecondTab.close();
    await eventually(async () => !(await presence.onlineStaff(shop.tenantId)).includes(first.id), "the staff member's last console to leave presence");
  });
});
