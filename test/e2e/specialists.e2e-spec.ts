import { call, login, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { testRedis } from '../support/redis';
import { PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('specialists');

const VIEW_KEYS = ['allowedTools', 'createdAt', 'description', 'enabled', 'id', 'keywords', 'name', 'slug', 'systemPrompt', 'updatedAt'];
const DEFAULT_SETTINGS = { routerMinConfidence: 0.35, memoryWindowTurns: 12, memoryTtlSeconds: 1800, semanticCacheThreshold: 0.92 };
const ORDERS = {
  slug: 'orders',
  name: 'Orders',
  description: 'Order status, tracking codes and delivery delays.',
  systemPrompt: "You track orders. Reply in the customer's language, briefly.",
  allowedTools: ['search_knowledge_base', 'request_human'],
  keywords: [' Pedido ', 'RASTREIO', 'pedido', 'Código de Rastreio'],
};

interface SpecialistView {
  id: string;
  slug: string;
  enabled: boolean;
  keywords: string[];
  allowedTools: string[];
}

describe('specialists and AI settings per tenant: defaults, CRUD, plan limits, tools, isolation and roles', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let platform: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentOfA: string;

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(app.url, tenant)).token;

  const as = (token: string) => ({
    get: (path: string) => call(app.url, 'GET', path, { token }),
    post: (path: string, json?: unknown) => call(app.url, 'POST', path, { token, json }),
    patch: (path: string, json: unknown) => call(app.url, 'PATCH', path, { token, json }),
    put: (path: string, json: unknown) => call(app.url, 'PUT', path, { token, json }),
    delete: (path: string) => call(app.url, 'DELETE', path, { token }),
  });
  const listOf = async (token: string): Promise<SpecialistView[]> => {
    const list = await as(token).get('/api/v1/specialists?limit=100');
    expect(list.status).toBe(200);
    return list.body.items;
  };
  const bySlug = async (token: string, slug: string): Promise<SpecialistView> => (await listOf(token)).find((s) => s.slug === slug) as SpecialistView;
  const switchPlan = async (tenant: TenantFixture, planCode: string) => {
    expect((await as(platform).put(`/api/v1/tenants/${tenant.tenantId}/subscription`, { planCode })).status).toBe(200);
  };
  const addHttpTool = (tenant: TenantFixture, name: string) =>
    queryDb(db.url, `INSERT INTO http_tools (tenant_id, name, description, parameters, url, method) VALUES ($1, $2, 'Balance', '{"type":"object"}', 'https://erp.example.test/saldo', 'GET')`, [tenant.tenantId, name]);

  beforeAll(async () => {
    db = await createTestDatabase('specialists');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    [a, b] = await Promise.all([newTenant(app.url, 'Specialists A'), newTenant(app.url, 'Specialists B')]);
    agentOfA = await newAgent(a);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it('shows a new tenant its three default specialists at once, general first, to admins and agents alike', async () => {
    const list = await as(agentOfA).get('/api/v1/specialists');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(list.body.items.map((s: SpecialistView) => [s.slug, s.enabled])).toEqual([['support', true], ['billing', true], ['relationship', true]]);
    expect(Object.keys(list.body.items[0]).sort()).toEqual(VIEW_KEYS);
    const billing = list.body.items[1];
    expect(billing.allowedTools).toEqual(['search_knowledge_base', 'request_human', 'recall_memories']);
    expect(billing.keywords).toEqual(expect.arrayContaining(['boleto', 'pix', 'cobrança', 'refund', 'factura']));
    expect(billing.systemPrompt).toMatch(/request_human/);

    const one = await as(a.adminToken).get(`/api/v1/specialists/${billing.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(billing);
    expect(await as(a.adminToken).get('/api/v1/specialists?limit=1&offset=2')).toMatchObject({ status: 200, body: { total: 3, items: [{ slug: 'relationship' }] } });
  });

  it('seeds the defaults once when a new tenant is read by several requests at once', async () => {
    const tenant = await newTenant(app.url, 'Specialists race');
    const reads = await Promise.all([
      ...Array.from({ length: 4 }, () => as(tenant.adminToken).get('/api/v1/specialists')),
      ...Array.from({ length: 4 }, () => as(tenant.adminToken).get('/api/v1/ai/settings')),
    ]);
    expect(reads.map((r) => r.status)).toEqual(Array(8).fill(200));
    const rows = await queryDb<{ slug: string }>(db.url, `SELECT slug FROM specialists WHERE tenant_id = $1 ORDER BY created_at`, [tenant.tenantId]);
    expect(rows.map((r) => r.slug)).toEqual(['support', 'billing', 'relationship']);
    expect(await queryDb(db.url, `SELECT tenant_id FROM ai_settings WHERE tenant_id = $1`, [tenant.tenantId])).toHaveLength(1);
  });

  it('creates, reads, changes, disables, enables and deletes a specialist within the starter plan (3 enabled)', async () => {
    const refused = await as(a.adminToken).post('/api/v1/specialists', ORDERS);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('AI.SPECIALIST_LIMIT');

    const created = await as(a.adminToken).post('/api/v1/specialists', { ...ORDERS, enabled: false });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(VIEW_KEYS);
    expect(created.body).toMatchObject({ slug: 'orders', enabled: false, keywords: ['pedido', 'rastreio', 'código de rastreio'], allowedTools: ORDERS.allowedTools });
    const id = created.body.id;

    expect(await as(a.adminToken).post(`/api/v1/specialists/${id}/enable`)).toMatchObject({ status: 422, body: { code: 'AI.SPECIALIST_LIMIT' } });
    const billing = await bySlug(a.adminToken, 'billing');
    expect(await as(a.adminToken).post(`/api/v1/specialists/${billing.id}/disable`)).toMatchObject({ status: 200, body: { slug: 'billing', enabled: false } });
    expect(await as(a.adminToken).post(`/api/v1/specialists/${id}/enable`)).toMatchObject({ status: 200, body: { enabled: true } });
    expect(await as(a.adminToken).post(`/api/v1/specialists/${id}/enable`)).toMatchObject({ status: 200, body: { enabled: true } });

    const patched = await as(a.adminToken).patch(`/api/v1/specialists/${id}`, { description: ' Orders and returns. ', keywords: ['Devolução', 'devolução'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ slug: 'orders', name: 'Orders', description: 'Orders and returns.', keywords: ['devolução'], enabled: true });
    expect(new Date(patched.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());
    expect((await as(a.adminToken).get(`/api/v1/specialists/${id}`)).body.description).toBe('Orders and returns.');

    expect(await as(a.adminToken).post('/api/v1/specialists', { ...ORDERS, enabled: false })).toMatchObject({ status: 409, body: { code: 'AI.SPECIALIST_SLUG_TAKEN' } });
    expect(await as(a.adminToken).post('/api/v1/specialists', { ...ORDERS, slug: 'billing', enabled: false })).toMatchObject({ status: 409, body: { code: 'AI.SPECIALIST_SLUG_TAKEN' } });

    expect((await as(a.adminToken).delete(`/api/v1/specialists/${id}`)).status).toBe(204);
    expect(await as(a.adminToken).get(`/api/v1/specialists/${id}`)).toMatchObject({ status: 404, body: { code: 'AI.SPECIALIST_NOT_FOUND' } });
    expect((await as(a.adminToken).delete(`/api/v1/specialists/${id}`)).status).toBe(404);
    expect((await as(a.adminToken).post(`/api/v1/specialists/${billing.id}/enable`)).status).toBe(200);
  });

  it('validates the body: slug pattern, blank or long fields, keyword limits, unknown fields and an immutable slug', async () => {
    const bad: [string, unknown][] = [
      ['slug with capitals', { ...ORDERS, slug: 'Orders' }],
      ['one-letter slug', { ...ORDERS, slug: 'o' }],
      ['blank name', { ...ORDERS, slug: 'blank', name: '   ' }],
      ['long description', { ...ORDERS, slug: 'long', description: 'd'.repeat(501) }],
      ['long prompt', { ...ORDERS, slug: 'prompt', systemPrompt: 'p'.repeat(8001) }],
      ['31 keywords', { ...ORDERS, slug: 'many', keywords: Array.from({ length: 31 }, (_, i) => `k${i}`) }],
      ['long keyword', { ...ORDERS, slug: 'longkw', keywords: ['k'.repeat(41)] }],
      ['unknown field', { ...ORDERS, slug: 'extra', temperature: 0.2 }],
      ['missing prompt', { slug: 'noprompt', name: 'x', description: 'y' }],
    ];
    for (const [what, json] of bad) expect([what, (await as(a.adminToken).post('/api/v1/specialists', json)).status]).toEqual([what, 400]);

    const support = await bySlug(a.adminToken, 'support');
    for (const json of [{ slug: 'helpdesk' }, { enabled: false }, { name: null }, { keywords: 'boleto' }]) {
      expect([json, (await as(a.adminToken).patch(`/api/v1/specialists/${support.id}`, json)).status]).toEqual([json, 400]);
    }
    expect((await as(a.adminToken).get('/api/v1/specialists/not-a-uuid')).status).toBe(400);
  });

  it('refuses unknown tools and tools the plan does not allow with 422; HTTP tools need the plan entry "http"', async () => {
    await addHttpTool(a, 'consultar_saldo');
    await addHttpTool(b, 'status_do_pedido');
    const support = await bySlug(a.adminToken, 'support');
    const patchTools = (allowedTools: string[]) => as(a.adminToken).patch(`/api/v1/specialists/${support.id}`, { allowedTools });

    expect(await patchTools(['request_human', 'send_email'])).toMatchObject({ status: 422, body: { code: 'AI.UNKNOWN_TOOL' } });
    expect(await patchTools(['status_do_pedido'])).toMatchObject({ status: 422, body: { code: 'AI.UNKNOWN_TOOL' } });
    expect(await patchTools(['consultar_saldo'])).toMatchObject({ status: 422, body: { code: 'AI.TOOL_NOT_IN_PLAN' } });
    expect(await as(a.adminToken).post('/api/v1/specialists', { ...ORDERS, slug: 'ghost', enabled: false, allowedTools: ['ghost_tool'] })).toMatchObject({
      status: 422,
      body: { code: 'AI.UNKNOWN_TOOL' },
    });

    await switchPlan(a, 'pro');
    expect(await patchTools(['request_human', 'consultar_saldo'])).toMatchObject({ status: 200, body: { allowedTools: ['request_human', 'consultar_saldo'] } });

    await switchPlan(a, 'free');
    expect(await patchTools(['search_knowledge_base', 'remember_fact'])).toMatchObject({ status: 422, body: { code: 'AI.TOOL_NOT_IN_PLAN' } });
    expect(await patchTools(['search_knowledge_base', 'request_human'])).toMatchObject({ status: 200 });
    await switchPlan(a, 'starter');
  });

  it("enforces the free plan's single enabled specialist: a new free tenant starts with only the general one enabled", async () => {
    const tenant = await newTenant(app.url, 'Specialists free');
    await switchPlan(tenant, 'free');
    const list = await listOf(tenant.adminToken);
    expect(list.map((s) => [s.slug, s.enabled])).toEqual([['support', true], ['billing', false], ['relationship', false]]);

    const billing = list[1];
    expect(await as(tenant.adminToken).post(`/api/v1/specialists/${billing.id}/enable`)).toMatchObject({ status: 422, body: { code: 'AI.SPECIALIST_LIMIT' } });
    const extra = { ...ORDERS, allowedTools: ['request_human'] };
    expect(await as(tenant.adminToken).post('/api/v1/specialists', extra)).toMatchObject({ status: 422, body: { code: 'AI.SPECIALIST_LIMIT' } });

    expect((await as(tenant.adminToken).post(`/api/v1/specialists/${list[0].id}/disable`)).status).toBe(200);
    expect(await as(tenant.adminToken).post(`/api/v1/specialists/${billing.id}/enable`)).toMatchObject({ status: 200, body: { enabled: true } });
    const enabled = (await listOf(tenant.adminToken)).filter((s) => s.enabled).map((s) => s.slug);
    expect(enabled).toEqual(['billing']);
  });

  it("answers 404 for another tenant's specialist on every route, and leaves it untouched", async () => {
    const theirs = await bySlug(b.adminToken, 'relationship');
    const path = `/api/v1/specialists/${theirs.id}`;
    const attempts = [
      await as(a.adminToken).get(path),
      await as(a.adminToken).patch(path, { name: 'Hijacked' }),
      await as(a.adminToken).post(`${path}/disable`),
      await as(a.adminToken).post(`${path}/enable`),
      await as(a.adminToken).delete(path),
      await as(agentOfA).get(path),
    ];
    expect(attempts.map((r) => [r.status, r.body?.code])).toEqual(Array(6).fill([404, 'AI.SPECIALIST_NOT_FOUND']));
    expect(await as(b.adminToken).get(path)).toMatchObject({ status: 200, body: { name: 'Customer relationship', enabled: true } });
    expect((await listOf(a.adminToken)).map((s) => s.id)).not.toContain(theirs.id);
  });

  it('lets an agent read but not write specialists or settings (403)', async () => {
    const support = await bySlug(a.adminToken, 'support');
    const writes = [
      await as(agentOfA).post('/api/v1/specialists', { ...ORDERS, slug: 'agent_made', enabled: false }),
      await as(agentOfA).patch(`/api/v1/specialists/${support.id}`, { name: 'Agent' }),
      await as(agentOfA).post(`/api/v1/specialists/${support.id}/disable`),
      await as(agentOfA).post(`/api/v1/specialists/${support.id}/enable`),
      await as(agentOfA).delete(`/api/v1/specialists/${support.id}`),
      await as(agentOfA).patch('/api/v1/ai/settings', { memoryWindowTurns: 20 }),
    ];
    expect(writes.map((r) => r.status)).toEqual(Array(6).fill(403));
    expect((await as(agentOfA).get(`/api/v1/specialists/${support.id}`)).status).toBe(200);
    expect(await as(agentOfA).get('/api/v1/ai/settings')).toMatchObject({ status: 200 });
    expect((await as(platform).get('/api/v1/specialists')).status).toBe(403);
  });

  it('reads the default AI settings and changes them within their ranges (400 outside)', async () => {
    expect(await as(b.adminToken).get('/api/v1/ai/settings')).toMatchObject({ status: 200, body: DEFAULT_SETTINGS });

    const out: Record<string, unknown>[] = [
      { routerMinConfidence: 1.5 },
      { routerMinConfidence: -0.1 },
      { routerMinConfidence: null },
      { memoryWindowTurns: 1 },
      { memoryWindowTurns: 12.5 },
      { memoryTtlSeconds: 604801 },
      { memoryTtlSeconds: '3600' },
      { semanticCacheThreshold: 0.4 },
      { unknownSetting: 1 },
    ];
    for (const json of out) expect([json, (await as(b.adminToken).patch('/api/v1/ai/settings', json)).status]).toEqual([json, 400]);

    const changed = await as(b.adminToken).patch('/api/v1/ai/settings', { routerMinConfidence: 0.5, memoryTtlSeconds: 3600 });
    expect(changed).toMatchObject({ status: 200, body: { ...DEFAULT_SETTINGS, routerMinConfidence: 0.5, memoryTtlSeconds: 3600 } });
    expect(await as(b.adminToken).patch('/api/v1/ai/settings', {})).toMatchObject({ status: 200, body: changed.body });
    expect((await as(b.adminToken).get('/api/v1/ai/settings')).body).toEqual(changed.body);
    const [row] = await queryDb<{ memory_ttl_seconds: number }>(db.url, `SELECT memory_ttl_seconds FROM ai_settings WHERE tenant_id = $1`, [b.tenantId]);
    expect(row.memory_ttl_seconds).toBe(3600);
    expect((await as(a.adminToken).get('/api/v1/ai/settings')).body).toEqual(DEFAULT_SETTINGS);
  });

  it('does not re-create the defaults after a tenant deletes all its specialists', async () => {
    for (const specialist of await listOf(b.adminToken)) expect((await as(b.adminToken).delete(`/api/v1/specialists/${specialist.id}`)).status).toBe(204);
    expect(await as(b.adminToken).get('/api/v1/specialists')).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    expect((await as(b.adminToken).get('/api/v1/ai/settings')).status).toBe(200);
    expect(await as(b.adminToken).get('/api/v1/specialists')).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    expect(await queryDb(db.url, `SELECT id FROM specialists WHERE tenant_id = $1`, [b.tenantId])).toEqual([]);
  });
});
