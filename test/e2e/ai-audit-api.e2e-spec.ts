import { randomBytes, randomUUID } from 'node:crypto';
import { call, login, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { testRedis } from '../support/redis';
import { PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('ai_audit');

const RUN_VIEW_KEYS = [
  'cacheHit',
  'completionTokens',
  'confidence',
  'conversationId',
  'costUsd',
  'createdAt',
  'error',
  'id',
  'inboundMessageId',
  'latencyMs',
  'memorySource',
  'model',
  'outcome',
  'promptTokens',
  'provider',
  'reasoning',
  'replyMessageId',
  'retrievedChunkIds',
  'route',
  'toolCalls',
];
const ORDER_LOOKUP = { tool: 'lookup_order', args: { orderId: 'A-1042', token: '***' }, result: '{"status":"shipped"}', ok: true, durationMs: 182 };

/** The UTC month `back` months before now, as 'YYYY-MM' (worked out here, not with the app's code). */
function monthsAgo(back: number): string {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return month.toISOString().slice(0, 7);
}

const zeroMonth = (period: string) => ({ period, aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });

describe('the AI audit API: runs per conversation, one run, and AI usage with cost per month', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentOfA: string;
  let agentOfB: string;
  let platformToken: string;
  let conversationOfA: string;
  let quietConversationOfA: string;
  let conversationOfB: string;
  /** A's runs in conversationOfA, oldest first. */
  const runsOfA: string[] = [];
  let runOfB: string;
  const chunkIds = [randomUUID(), randomUUID()];

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(app.url, tenant)).token;

  async function newConversation(tenant: TenantFixture): Promise<string> {
    const phone = `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [contact] = await queryDb<{ id: string }>(db.url, `INSERT INTO contacts (tenant_id, phone_number) VALUES ($1, $2) RETURNING id`, [tenant.tenantId, phone]);
    const [conversation] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO conversations (tenant_id, contact_id, whatsapp_number_id) VALUES ($1, $2, $3) RETURNING id`,
      [tenant.tenantId, contact.id, tenant.number.id],
    );
    return conversation.id;
  }

  async function newMessage(tenant: TenantFixture, conversationId: string, direction: 'inbound' | 'outbound'): Promise<string> {
    const [row] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO messages (tenant_id, whatsapp_number_id, conversation_id, contact_id, direction, author, body, from_address, to_address, status)
       SELECT $1, $2, c.id, c.contact_id, $4, $5, 'text', 'whatsapp:+5511900000000', 'whatsapp:+15550000000', 'received' FROM conversations c WHERE c.id = $3
       RETURNING id`,
      [tenant.tenantId, tenant.number.id, conversationId, direction, direction === 'inbound' ? 'contact' : 'ai'],
    );
    return row.id;
  }

  /** One audited AI run, as the engine stores it, with the given columns over the defaults. */
  async function seedRun(tenant: TenantFixture, conversationId: string, columns: Record<string, unknown>): Promise<string> {
    const values: Record<string, unknown> = {
      tenant_id: tenant.tenantId,
      conversation_id: conversationId,
      inbound_message_id: await newMessage(tenant, conversationId, 'inbound'),
      reply_message_id: await newMessage(tenant, conversationId, 'outbound'),
      provider: 'openai',
      model: 'gpt-4o-mini',
      prompt_tokens: 100,
      completion_tokens: 10,
      latency_ms: 500,
      outcome: 'answered',
      ...columns,
    };
    const names = Object.keys(values);
    const [row] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO ai_results (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return row.id;
  }

  const listRuns = (token: string, conversationId: string, query = '') => call(app.url, 'GET', `/api/v1/conversations/${conversationId}/ai-results${query}`, { token });
  const getRun = (token: string, id: string) => call(app.url, 'GET', `/api/v1/ai-results/${id}`, { token });

  beforeAll(async () => {
    db = await createTestDatabase('ai_audit');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    [a, b] = await Promise.all([newTenant(app.url, 'Audit A'), newTenant(app.url, 'Audit B')]);
    [agentOfA, agentOfB, platformToken] = await Promise.all([newAgent(a), newAgent(b), login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password)]);
    [conversationOfA, quietConversationOfA, conversationOfB] = await Promise.all([newConversation(a), newConversation(a), newConversation(b)]);

    runsOfA.push(
      await seedRun(a, conversationOfA, { created_at: '2026-11-23T14:00:00Z', route: 'support', confidence: 0.5, cost_usd: '0.000100' }),
      await seedRun(a, conversationOfA, {
        created_at: '2026-11-23T14:05:00Z',
        outcome: 'handed_off',
        route: 'billing',
        confidence: 0.25,
        reasoning: 'The customer disputes a charge.',
        memory_source: 'l2',
        latency_ms: 900,
        cost_usd: '0.000050',
      }),
      await seedRun(a, conversationOfA, {
        created_at: '2026-11-23T14:10:00Z',
        route: 'sales',
        confidence: 0.87,
        reasoning: 'The customer asks about the price of a product.',
        tool_calls: JSON.stringify([ORDER_LOOKUP, { tool: 'http_stock', args: {}, result: 'timeout', ok: false, durationMs: 5000 }]),
        retrieved_chunk_ids: chunkIds,
        memory_source: 'l1',
        cache_hit: true,
        prompt_tokens: 812,
        completion_tokens: 96,
        latency_ms: 1430,
        cost_usd: '0.000179',
      }),
    );
    runOfB = await seedRun(b, conversationOfB, { created_at: '2026-11-23T15:00:00Z', route: 'support', cost_usd: '0.9' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  describe('runs of a conversation', () => {
    it('lists the runs of a conversation newest first, with every audited field', async () => {
      const list = await listRuns(a.adminToken, conversationOfA);

      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(list.body.items.map((run: { id: string }) => run.id)).toEqual([...runsOfA].reverse());
      for (const run of list.body.items) expect(Object.keys(run).sort()).toEqual(RUN_VIEW_KEYS);

      const [newest, middle, oldest] = list.body.items;
      const [inbound] = await queryDb<{ inbound_message_id: string; reply_message_id: string }>(
        db.url,
        `SELECT inbound_message_id, reply_message_id FROM ai_results WHERE id = $1`,
        [runsOfA[2]],
      );
      expect(newest).toEqual({
        id: runsOfA[2],
        conversationId: conversationOfA,
        inboundMessageId: inbound.inbound_message_id,
        replyMessageId: inbound.reply_message_id,
        outcome: 'answered',
        route: 'sales',
        confidence: 0.87,
        reasoning: 'The customer asks about the price of a product.',
        toolCalls: [ORDER_LOOKUP, { tool: 'http_stock', args: {}, result: 'timeout', ok: false, durationMs: 5000 }],
        retrievedChunkIds: chunkIds,
        memorySource: 'l1',
        cacheHit: true,
        provider: 'openai',
        model: 'gpt-4o-mini',
        promptTokens: 812,
        completionTokens: 96,
        latencyMs: 1430,
        costUsd: 0.000179,
        error: null,
        createdAt: '2026-11-23T14:10:00.000Z',
      });
      expect(middle).toMatchObject({ outcome: 'handed_off', route: 'billing', confidence: 0.25, memorySource: 'l2', cacheHit: false, toolCalls: [], costUsd: 0.00005 });
      expect(oldest).toMatchObject({ route: 'support', reasoning: null, memorySource: null, retrievedChunkIds: [], toolCalls: [], costUsd: 0.0001 });
    });

    it('pages through the runs with limit and offset, keeping the total', async () => {
      const page = await listRuns(a.adminToken, conversationOfA, '?limit=1&offset=1');

      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items.map((run: { id: string }) => run.id)).toEqual([runsOfA[1]]);
    });

    it('gives an empty list for a conversation of the tenant with no AI run', async () => {
      const list = await listRuns(a.adminToken, quietConversationOfA);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    });

    it('reads one run with the same view as the list', async () => {
      const list = await listRuns(a.adminToken, conversationOfA);
      const one = await getRun(a.adminToken, runsOfA[2]);

      expect(one.status).toBe(200);
      expect(one.body).toEqual(list.body.items[0]);
    });

    it('lets an agent read the runs too', async () => {
      const list = await listRuns(agentOfA, conversationOfA);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(3);
      const one = await getRun(agentOfA, runsOfA[0]);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(runsOfA[0]);
    });

    it("answers 404 to another tenant's admin and agent, as if the conversation and run did not exist", async () => {
      for (const token of [b.adminToken, agentOfB]) {
        const list = await listRuns(token, conversationOfA);
        expect(list.status).toBe(404);
        expect(list.body).toMatchObject({ statusCode: 404, code: 'CONVERSATION.NOT_FOUND' });

        const one = await getRun(token, runsOfA[2]);
        expect(one.status).toBe(404);
        expect(one.body).toMatchObject({ statusCode: 404, code: 'AI.RESULT_NOT_FOUND' });
      }
      const own = await listRuns(b.adminToken, conversationOfB);
      expect(own.body.items.map((run: { id: string }) => run.id)).toEqual([runOfB]);
    });

    it('answers 404 for an unknown conversation or run', async () => {
      const list = await listRuns(a.adminToken, randomUUID());
      expect(list.status).toBe(404);
      expect(list.body.code).toBe('CONVERSATION.NOT_FOUND');

      const one = await getRun(a.adminToken, randomUUID());
      expect(one.status).toBe(404);
      expect(one.body.code).toBe('AI.RESULT_NOT_FOUND');
    });

    it('answers 400 for an id that is not a uuid, or a bad page', async () => {
      expect((await listRuns(a.adminToken, 'not-a-uuid')).status).toBe(400);
      expect((await getRun(a.adminToken, 'not-a-uuid')).status).toBe(400);
      expect((await listRuns(a.adminToken, conversationOfA, '?limit=0')).status).toBe(400);
      expect((await listRuns(a.adminToken, conversationOfA, '?offset=-1')).status).toBe(400);
    });

    it('refuses the platform admin, who belongs to no tenant', async () => {
      expect((await listRuns(platformToken, conversationOfA)).status).toBe(403);
      expect((await getRun(platformToken, runsOfA[0])).status).toBe(403);
    });
  });

  describe('AI usage and cost per month', () => {
    const usage = (token: string, query = '') => call(app.url, 'GET', `/api/v1/ai/usage${query}`, { token });
    const usageOfTenant = (token: string, tenantId: string, query = '') => call(app.url, 'GET', `/api/v1/tenants/${tenantId}/ai-usage${query}`, { token });
    const thisMonthOfA = () => ({ period: monthsAgo(0), aiReplies: 12, promptTokens: 34000, completionTokens: 5600, costUsd: 0.012345 });
    const twoMonthsAgoOfA = () => ({ period: monthsAgo(2), aiReplies: 3, promptTokens: 900, completionTokens: 80, costUsd: 1.5 });

    beforeAll(async () => {
      const rows: [string, string, number, number, number, string][] = [
        [a.tenantId, monthsAgo(0), 12, 34000, 5600, '0.012345'],
        [a.tenantId, monthsAgo(2), 3, 900, 80, '1.500000'],
        // Outside the default six-month window.
        [a.tenantId, monthsAgo(7), 1, 1, 1, '9.000000'],
        [b.tenantId, monthsAgo(0), 99, 99, 99, '99.000000'],
      ];
      for (const row of rows) {
        await queryDb(db.url, `INSERT INTO usage_counters (tenant_id, period, ai_replies, prompt_tokens, completion_tokens, cost_usd) VALUES ($1, $2, $3, $4, $5, $6)`, row);
      }
    });

    it('shows the tenant admin the last six months by default, newest first, months without use as zeros', async () => {
      const result = await usage(a.adminToken);

      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        items: [thisMonthOfA(), zeroMonth(monthsAgo(1)), twoMonthsAgoOfA(), zeroMonth(monthsAgo(3)), zeroMonth(monthsAgo(4)), zeroMonth(monthsAgo(5))],
      });
    });

    it('shows as many months as asked, from 1 to 24', async () => {
      expect((await usage(a.adminToken, '?months=1')).body).toEqual({ items: [thisMonthOfA()] });

      const twoYears = await usage(a.adminToken, '?months=24');
      expect(twoYears.status).toBe(200);
      expect(twoYears.body.items).toHaveLength(24);
      expect(twoYears.body.items[7]).toEqual({ period: monthsAgo(7), aiReplies: 1, promptTokens: 1, completionTokens: 1, costUsd: 9 });
      expect(twoYears.body.items[23]).toEqual(zeroMonth(monthsAgo(23)));
    });

    it('refuses a number of months outside 1 to 24', async () => {
      for (const months of ['0', '25', '-1', '1.5', 'six']) {
        expect((await usage(a.adminToken, `?months=${months}`)).status).toBe(400);
      }
    });

    it("shows this month's cost in the tenant's subscription", async () => {
      const subscription = await call(app.url, 'GET', '/api/v1/subscription', { token: a.adminToken });
      expect(subscription.status).toBe(200);
      expect(subscription.body.usage).toEqual(thisMonthOfA());

      const ofB = await call(app.url, 'GET', '/api/v1/subscription', { token: b.adminToken });
      expect(ofB.body.usage.costUsd).toBe(99);
    });

    it('is for tenant admins: an agent and the platform admin are refused', async () => {
      expect((await usage(agentOfA)).status).toBe(403);
      expect((await usage(platformToken)).status).toBe(403);
    });

    it("shows the platform admin any tenant's months", async () => {
      const ofA = await usageOfTenant(platformToken, a.tenantId, '?months=3');
      expect(ofA.status).toBe(200);
      expect(ofA.body).toEqual({ items: [thisMonthOfA(), zeroMonth(monthsAgo(1)), twoMonthsAgoOfA()] });

      const ofB = await usageOfTenant(platformToken, b.tenantId);
      expect(ofB.body.items).toHaveLength(6);
      expect(ofB.body.items[0]).toEqual({ period: monthsAgo(0), aiReplies: 99, promptTokens: 99, completionTokens: 99, costUsd: 99 });
    });

    it('answers the platform admin 404 for an unknown tenant, 400 for a bad id or month count', async () => {
      const unknown = await usageOfTenant(platformToken, randomUUID());
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('IDENTITY.TENANT_NOT_FOUND');
      expect((await usageOfTenant(platformToken, 'not-a-uuid')).status).toBe(400);
      expect((await usageOfTenant(platformToken, a.tenantId, '?months=25')).status).toBe(400);
    });

    it("keeps a tenant's staff off the platform route", async () => {
      expect((await usageOfTenant(a.adminToken, a.tenantId)).status).toBe(403);
      expect((await usageOfTenant(agentOfA, a.tenantId)).status).toBe(403);
    });
  });
});
