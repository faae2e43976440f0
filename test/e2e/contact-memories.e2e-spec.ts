import Redis from 'ioredis';
import { call, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { testRedis } from '../support/redis';
import { startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('contact_memories');

const MEMORY_VIEW_KEYS = ['content', 'conversationId', 'createdAt', 'id', 'kind'];
const CUSTOMER = '+5511933330001';

describe("contact memories: staff review and delete the assistant's long-term memories; export and erasure include them", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let client: Redis;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentOfA: string;
  let contactId: string;
  let contactOfB: string;
  let conversationId: string;
  let factId: string;
  let summaryId: string;

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(app.url, tenant)).token;

  async function newContact(tenant: TenantFixture, phone: string): Promise<string> {
    const [row] = await queryDb<{ id: string }>(db.url, `INSERT INTO contacts (tenant_id, phone_number) VALUES ($1, $2) RETURNING id`, [tenant.tenantId, phone]);
    return row.id;
  }

  /** Stored as the engine would (the vector's values do not matter to these routes). */
  async function newMemory(tenantId: string, contact: string, kind: 'fact' | 'summary', content: string, createdAt: string, conversation: string | null = null): Promise<string> {
    const vector = `[${new Array(app.config.EMBEDDING_DIMENSIONS).fill(0.01).join(',')}]`;
    const [row] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO contact_memories (tenant_id, contact_id, conversation_id, kind, content, embedding_model, embedding_dimensions, embedding, created_at)
       VALUES ($1, $2, $3, $4, $5, 'local-hashed-v1', $6, $7::vector, $8) RETURNING id`,
      [tenantId, contact, conversation, kind, content, app.config.EMBEDDING_DIMENSIONS, vector, createdAt],
    );
    return row.id;
  }

  const list = (token: string, contact: string, query = '') => call(app.url, 'GET', `/api/v1/contacts/${contact}/memories${query}`, { token });
  const remove = (token: string, contact: string, memory: string) => call(app.url, 'DELETE', `/api/v1/contacts/${contact}/memories/${memory}`, { token });
  const stored = async (id: string) => (await queryDb(db.url, `SELECT id FROM contact_memories WHERE id = $1`, [id])).length;

  beforeAll(async () => {
    db = await createTestDatabase('contact_memories');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    client = new Redis(redis.url);
    [a, b] = await Promise.all([newTenant(app.url, 'Memories A'), newTenant(app.url, 'Memories B')]);
    agentOfA = await newAgent(a);
    contactId = await newContact(a, CUSTOMER);
    contactOfB = await newContact(b, CUSTOMER);
    const [conversation] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO conversations (tenant_id, contact_id, whatsapp_number_id, state) VALUES ($1, $2, $3, 'CLOSED') RETURNING id`,
      [a.tenantId, contactId, a.number.id],
    );
    conversationId = conversation.id;
    factId = await newMemory(a.tenantId, contactId, 'fact', 'A filha da cliente é alérgica a nozes', '2026-11-20T10:00:00Z', conversationId);
    summaryId = await newMemory(a.tenantId, contactId, 'summary', 'Conversation on 2026-11-21: customer said: "Bolo para sábado"', '2026-11-21T10:00:00Z', conversationId);
    await newMemory(a.tenantId, contactId, 'fact', 'Prefere entrega à tarde', '2026-11-22T10:00:00Z');
    await newMemory(b.tenantId, contactOfB, 'fact', 'Memory of tenant B', '2026-11-22T10:00:00Z');
  });

  afterAll(async () => {
    client?.disconnect();
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it("lists a contact's memories newest first, one page at a time, to admins and agents", async () => {
    for (const token of [a.adminToken, agentOfA]) {
      const all = await list(token, contactId);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(all.body.items.map((m: { content: string }) => m.content)).toEqual([
        'Prefere entrega à tarde',
        'Conversation on 2026-11-21: customer said: "Bolo para sábado"',
        'A filha da cliente é alérgica a nozes',
      ]);
      expect(Object.keys(all.body.items[0]).sort()).toEqual(MEMORY_VIEW_KEYS);
      expect(all.body.items[2]).toEqual({ id: factId, kind: 'fact', content: 'A filha da cliente é alérgica a nozes', conversationId, createdAt: '2026-11-20T10:00:00.000Z' });
    }
    const page = await list(a.adminToken, contactId, '?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((m: { id: string }) => m.id)).toEqual([summaryId]);
  });

  it("answers 404 for another tenant's contact or memory, and 400 for a malformed id", async () => {
    const foreign = await list(b.adminToken, contactId);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('IDENTITY.CONTACT_NOT_FOUND');
    for (const contact of [contactId, contactOfB]) {
      const attempt = await remove(b.adminToken, contact, factId);
      expect(attempt.status).toBe(404);
      expect(attempt.body.code).toBe('AI.MEMORY_NOT_FOUND');
    }
    expect(await stored(factId)).toBe(1);
    expect((await list(b.adminToken, contactOfB)).body.items.map((m: { content: string }) => m.content)).toEqual(['Memory of tenant B']);
    expect((await list(a.adminToken, 'not-a-uuid')).status).toBe(400);
    expect((await remove(a.adminToken, contactId, 'not-a-uuid')).status).toBe(400);
  });

  it('lets only admins delete a memory, once', async () => {
    expect((await remove(agentOfA, contactId, summaryId)).status).toBe(403);
    expect(await stored(summaryId)).toBe(1);

    expect((await remove(a.adminToken, contactId, summaryId)).status).toBe(204);
    expect(await stored(summaryId)).toBe(0);
    const again = await remove(a.adminToken, contactId, summaryId);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('AI.MEMORY_NOT_FOUND');
    expect((await list(a.adminToken, contactId)).body.total).toBe(2);
  });

  it('exports the memories (content, kind, dates; no vectors) and the live session window with the contact', async () => {
    const windowKey = `${redis.prefix}:ai:session:${a.tenantId}:${conversationId}`;
    const turns = [{ messageId: 'm1', author: 'contact', body: 'Tem bolo sem nozes?', at: '2026-11-23T10:00:00.000Z' }];
    await client.set(windowKey, JSON.stringify(turns), 'EX', 600);

    const exported = await call(app.url, 'GET', `/api/v1/contacts/${contactId}/export`, { token: a.adminToken });

    expect(exported.status).toBe(200);
    const memories = exported.body.contactMemories as Record<string, unknown>[];
    expect(memories.map((m) => m.content)).toEqual(['A filha da cliente é alérgica a nozes', 'Prefere entrega à tarde']);
    expect(memories[0]).toEqual({ id: factId, kind: 'fact', content: 'A filha da cliente é alérgica a nozes', conversationId, createdAt: '2026-11-20T10:00:00.000Z' });
    expect(exported.text).not.toContain('embedding');
    expect(exported.text).not.toContain('Memory of tenant B');
    expect(exported.body.sessionWindows).toEqual([{ conversationId, turns }]);
  });

  it("erases the memories and the session window with the contact, counting them, and leaves the other tenant's alone", async () => {
    const windowKey = `${redis.prefix}:ai:session:${a.tenantId}:${conversationId}`;
    expect(await client.exists(windowKey)).toBe(1);

    expect((await call(app.url, 'DELETE', `/api/v1/contacts/${contactId}`, { token: a.adminToken })).status).toBe(204);

    expect(await queryDb(db.url, `SELECT id FROM contact_memories WHERE contact_id = $1`, [contactId])).toEqual([]);
    expect(await client.exists(windowKey)).toBe(0);
    const [record] = await queryDb<{ removed: Record<string, number> }>(db.url, `SELECT removed FROM contact_erasures WHERE contact_id = $1`, [contactId]);
    expect(record.removed).toMatchObject({ contact: 1, contactMemories: 2, sessionWindows: 1 });
    expect(await queryDb(db.url, `SELECT id FROM contact_memories WHERE contact_id = $1`, [contactOfB])).toHaveLength(1);
  });
});
