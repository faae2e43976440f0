import { randomBytes } from 'node:crypto';
import { call, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { testRedis } from '../support/redis';
import { HttpStandIn } from '../support/stand-ins/http-stand-in';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('http_tools');

const SECRET = `Bearer tenant-secret-${randomBytes(8).toString('hex')}`;
const STORE_KEY = `store-key-${randomBytes(8).toString('hex')}`;
const ROTATED = `rotated-${randomBytes(8).toString('hex')}`;
const PARAMETERS = {
  type: 'object',
  properties: { orderId: { type: 'string', maxLength: 20 }, verbose: { type: 'boolean' } },
  required: ['orderId'],
  additionalProperties: false,
};
const TOOL_VIEW_KEYS = ['createdAt', 'description', 'enabled', 'headers', 'id', 'maxResponseBytes', 'method', 'name', 'parameters', 'timeoutMs', 'updatedAt', 'url'];

describe('tenant HTTP tools: CRUD with sealed headers, a test call, isolation, roles and validation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let shop: HttpStandIn;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentOfA: string;
  let toolId: string;
  const responses: string[] = [];

  const create = (token: string, json: unknown) => call(app.url, 'POST', '/api/v1/http-tools', { token, json });
  const patch = (token: string, id: string, json: unknown) => call(app.url, 'PATCH', `/api/v1/http-tools/${id}`, { token, json });
  const testCall = (token: string, id: string, args: unknown) => call(app.url, 'POST', `/api/v1/http-tools/${id}/test`, { token, json: { arguments: args } });
  const tool = (overrides: Record<string, unknown> = {}) => ({
    name: 'status_do_pedido',
    description: 'Looks up the status of an order by its number',
    parameters: PARAMETERS,
    url: `${shop.url}/orders/{orderId}`,
    method: 'GET',
    headers: { Authorization: SECRET, 'X-Store': STORE_KEY },
    ...overrides,
  });
  /** Every response body the suite sees is kept, to prove no header value ever leaves the server. */
  const kept = <T extends { text: string }>(result: T): T => {
    responses.push(result.text);
    return result;
  };

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(app.url, tenant)).token;

  beforeAll(async () => {
    shop = await new HttpStandIn((request) =>
      request.path.startsWith('/orders/missing') ? { status: 404, json: { message: 'no such order' } } : { status: 200, json: { path: request.path, status: 'shipped' } },
    ).start();
    db = await createTestDatabase('http_tools');
    // The tenant's server in this test listens on 127.0.0.1, which the guard would refuse.
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, extra: { HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS: 'true' } }));
    [a, b] = await Promise.all([newTenant(app.url, 'Tools A'), newTenant(app.url, 'Tools B')]);
    agentOfA = await newAgent(a);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
    await shop?.stop();
  });

  it('creates a tool and answers with header names only, their values masked', async () => {
    const created = kept(await create(a.adminToken, tool()));
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(TOOL_VIEW_KEYS);
    expect(created.body).toMatchObject({
      name: 'status_do_pedido',
      method: 'GET',
      parameters: PARAMETERS,
      headers: [
        { name: 'Authorization', value: '***' },
        { name: 'X-Store', value: '***' },
      ],
      timeoutMs: 5000,
      maxResponseBytes: 16384,
      enabled: true,
    });
    toolId = created.body.id;
  });

  it('stores the headers sealed as one value: the row holds the names, never a value', async () => {
    const [row] = await queryDb<{ headers_sealed: string; header_names: string[]; tenant_id: string }>(
      db.url,
      `SELECT headers_sealed, header_names, tenant_id FROM http_tools WHERE id = $1`,
      [toolId],
    );
    expect(row).toMatchObject({ header_names: ['Authorization', 'X-Store'], tenant_id: a.tenantId });
    expect(row.headers_sealed).toMatch(/^v1\./);
    for (const secret of [SECRET, STORE_KEY, 'tenant-secret']) expect(row.headers_sealed).not.toContain(secret);
    expect(Buffer.from(row.headers_sealed.split('.')[3], 'base64url').toString('latin1')).not.toContain('tenant-secret');
  });

  it('lists and reads the tools of the tenant', async () => {
    expect((await create(a.adminToken, tool({ name: 'consultar_saldo', url: `${shop.url}/balance`, parameters: { type: 'object' }, headers: undefined }))).status).toBe(201);
    const list = kept(await call(app.url, 'GET', '/api/v1/http-tools?limit=1', { token: a.adminToken }));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['consultar_saldo']);
    const one = kept(await call(app.url, 'GET', `/api/v1/http-tools/${toolId}`, { token: a.adminToken }));
    expect(one.status).toBe(200);
    expect(one.body.headers).toEqual([
      { name: 'Authorization', value: '***' },
      { name: 'X-Store', value: '***' },
    ]);
  });

  it('test-calls the tool: the local server gets the path filled, the query, and the secret headers', async () => {
    const outcome = kept(await testCall(a.adminToken, toolId, { orderId: 'A 1042', verbose: true }));
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ ok: true, status: 200, truncated: false, durationMs: expect.any(Number) });
    expect(JSON.parse(outcome.body.output)).toEqual({ path: '/orders/A%201042?verbose=true', status: 'shipped' });
    const received = shop.requests.at(-1)!;
    expect(received.headers).toMatchObject({ authorization: SECRET, 'x-store': STORE_KEY });
  });

  it("reports the tool's own failures as outcomes: invalid arguments (no request made), non-2xx", async () => {
    const before = shop.requests.length;
    const invalid = kept(await testCall(a.adminToken, toolId, { orderId: 42 }));
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ ok: false, status: null, error: 'invalid arguments: /orderId must be string' });
    expect(shop.requests.length).toBe(before);

    const missing = kept(await testCall(a.adminToken, toolId, { orderId: 'missing' }));
    expect(missing.body).toMatchObject({ ok: false, status: 404, error: 'HTTP 404' });
    expect(JSON.parse(missing.body.output)).toEqual({ message: 'no such order' });
  });

  it('patches fields and keeps the headers when they are left out; a new set replaces them all; {} removes them', async () => {
    const described = kept(await patch(a.adminToken, toolId, { description: 'Order status', timeoutMs: 2000 }));
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ description: 'Order status', timeoutMs: 2000, headers: [{ name: 'Authorization' }, { name: 'X-Store' }] });
    await testCall(a.adminToken, toolId, { orderId: 'A1' });
    expect(shop.requests.at(-1)!.headers.authorization).toBe(SECRET);

    const rotated = kept(await patch(a.adminToken, toolId, { headers: { 'X-Api-Key': ROTATED } }));
    expect(rotated.body.headers).toEqual([{ name: 'X-Api-Key', value: '***' }]);
    await testCall(a.adminToken, toolId, { orderId: 'A1' });
    expect(shop.requests.at(-1)!.headers).toMatchObject({ 'x-api-key': ROTATED });
    expect(shop.requests.at(-1)!.headers.authorization).toBeUndefined();

    const cleared = kept(await patch(a.adminToken, toolId, { headers: {} }));
    expect(cleared.body.headers).toEqual([]);
    const [row] = await queryDb<{ headers_sealed: string | null }>(db.url, `SELECT headers_sealed FROM http_tools WHERE id = $1`, [toolId]);
    expect(row.headers_sealed).toBeNull();

    const restored = kept(await patch(a.adminToken, toolId, { headers: { Authorization: SECRET, 'X-Store': STORE_KEY } }));
    expect(restored.status).toBe(200);
  });

  it('refuses a second tool of the same name, on create and on rename, with 409 AI.HTTP_TOOL_NAME_TAKEN', async () => {
    const duplicate = await create(a.adminToken, tool());
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('AI.HTTP_TOOL_NAME_TAKEN');
    const [saldo] = (await call(app.url, 'GET', '/api/v1/http-tools', { token: a.adminToken })).body.items;
    const renamed = await patch(a.adminToken, saldo.id, { name: 'status_do_pedido' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.code).toBe('AI.HTTP_TOOL_NAME_TAKEN');
  });

  it('validates definitions: 422 with a code for the name, the schema, the URL and the headers; 400 for malformed fields', async () => {
    const refused: [Record<string, unknown>, string][] = [
      [{ name: 'request_human' }, 'AI.HTTP_TOOL_INVALID_NAME'],
      [{ name: 'Bad-Name' }, 'AI.HTTP_TOOL_INVALID_NAME'],
      [{ parameters: { type: 'string' } }, 'AI.HTTP_TOOL_INVALID_SCHEMA'],
      [{ parameters: { type: 'object', properties: { orderId: { type: 'strin' } } } }, 'AI.HTTP_TOOL_INVALID_SCHEMA'],
      [{ parameters: { type: 'object', properties: { orderId: { type: 'string', pattern: '^(a+)+$' } }, required: ['orderId'] } }, 'AI.HTTP_TOOL_INVALID_SCHEMA'],
      [{ url: `${shop.url}/clients/{clientId}` }, 'AI.HTTP_TOOL_INVALID_SCHEMA'],
      [{ url: 'ftp://files.example/orders/{orderId}' }, 'AI.HTTP_TOOL_INVALID_URL'],
      [{ url: 'not a url' }, 'AI.HTTP_TOOL_INVALID_URL'],
      [{ headers: { 'Bad Header': 'x' } }, 'AI.HTTP_TOOL_INVALID_HEADERS'],
      [{ headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])) }, 'AI.HTTP_TOOL_INVALID_HEADERS'],
    ];
    for (const [overrides, code] of refused) {
      const result = await create(a.adminToken, tool({ name: 'novo_tool', ...overrides }));
      expect({ overrides, status: result.status, code: result.body.code }).toEqual({ overrides, status: 422, code });
      expect(result.body.message).toEqual(expect.any(String));
    }
    for (const overrides of [{ method: 'TRACE' }, { timeoutMs: 50 }, { maxResponseBytes: 10_000_000 }, { headers: { 'X-N': 5 } }, { parameters: 'x' }, { extra: true }, { description: ' ' }]) {
      expect({ overrides, status: (await create(a.adminToken, tool({ name: 'novo_tool', ...overrides }))).status }).toEqual({ overrides, status: 400 });
    }
    const badPatch = await patch(a.adminToken, toolId, { url: `${shop.url}/clients/{clientId}` });
    expect(badPatch.status).toBe(422);
    expect(badPatch.body.code).toBe('AI.HTTP_TOOL_INVALID_SCHEMA');
  });

  it("keeps tenants apart: B cannot read, change, call or delete A's tool, and may use the same name", async () => {
    for (const [method, path, json] of [
      ['GET', `/api/v1/http-tools/${toolId}`, undefined],
      ['PATCH', `/api/v1/http-tools/${toolId}`, { enabled: false }],
      ['POST', `/api/v1/http-tools/${toolId}/test`, { arguments: { orderId: 'A1' } }],
      ['DELETE', `/api/v1/http-tools/${toolId}`, undefined],
    ] as const) {
      const result = await call(app.url, method, path, { token: b.adminToken, json });
      expect({ method, status: result.status, code: result.body?.code }).toEqual({ method, status: 404, code: 'AI.HTTP_TOOL_NOT_FOUND' });
    }
    expect((await call(app.url, 'GET', '/api/v1/http-tools', { token: b.adminToken })).body).toMatchObject({ items: [], total: 0 });
    expect((await create(b.adminToken, tool({ headers: { Authorization: 'Bearer b-token' } }))).status).toBe(201);
    expect((await call(app.url, 'GET', `/api/v1/http-tools/${toolId}`, { token: a.adminToken })).body.enabled).toBe(true);
  });

  it('is for tenant admins only: agents get 403 on every route', async () => {
    const before = shop.requests.length;
    for (const [method, path] of [
      ['GET', '/api/v1/http-tools'],
      ['POST', '/api/v1/http-tools'],
      ['GET', `/api/v1/http-tools/${toolId}`],
      ['PATCH', `/api/v1/http-tools/${toolId}`],
      ['DELETE', `/api/v1/http-tools/${toolId}`],
      ['POST', `/api/v1/http-tools/${toolId}/test`],
    ] as const) {
      const result = await call(app.url, method, path, { token: agentOfA, json: method === 'GET' || method === 'DELETE' ? undefined : tool() });
      expect({ method, path, status: result.status }).toEqual({ method, path, status: 403 });
    }
    expect(shop.requests.length).toBe(before);
  });

  it('never shows a header value in a response or the audit log, which keeps the header names', async () => {
    const creations = await eventually(async () => {
      const rows = await queryDb<{ details: Record<string, unknown> }>(
        db.url,
        `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'POST /api/v1/http-tools'`,
        [a.tenantId],
      );
      return rows.length >= 2 ? rows : null;
    }, 'audit events of the tool creations');
    expect(creations.map((row) => row.details.headers)).toContainEqual({ Authorization: '[redacted]', 'X-Store': '[redacted]' });
    await eventually(async () => {
      const [{ n }] = await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PATCH /api/v1/http-tools/:id'`);
      return n >= 4;
    }, 'audit events of the patches');
    const audit = JSON.stringify(await queryDb(db.url, `SELECT * FROM audit_events`));
    for (const text of [audit, ...responses]) {
      for (const secret of [SECRET, STORE_KEY, ROTATED]) expect(text).not.toContain(secret);
    }
  });

  it('deletes a tool', async () => {
    expect((await call(app.url, 'DELETE', `/api/v1/http-tools/${toolId}`, { token: a.adminToken })).status).toBe(204);
    expect((await call(app.url, 'GET', `/api/v1/http-tools/${toolId}`, { token: a.adminToken })).status).toBe(404);
    expect(await queryDb(db.url, `SELECT id FROM http_tools WHERE id = $1`, [toolId])).toEqual([]);
  });
});
