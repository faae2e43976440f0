import { randomBytes, randomUUID } from 'node:crypto';
import { call, inboundForm, login, newAgent, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';
import { eventually, PLATFORM_ADMIN } from '../support/test-app';

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
}

/** A 4xx with the project's JSON error body. */
const refusedWith = (status: number) => expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.anything() });

describe('hostile input on the management API: a 4xx with the JSON error body, never a 500', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let platformToken: string;
  let contactId: string;

  beforeAll(async () => {
    stack = await startStack('hostile_api');
    tenant = await newTenant(stack.app.url, 'Loja Hostil API');
    platformToken = await login(stack.app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const customer = '+5511977770001';
    expect((await postInbound(stack.app.url, inboundForm(tenant, { from: customer, body: 'oi' }), tenant.number.authToken)).status).toBe(200);
    contactId = await eventually(async () => (await stack.query<{ id: string }>(`SELECT id FROM contacts WHERE phone_number = $1`, [customer]))[0]?.id, 'the contact');
  });

  afterAll(() => stack?.close());

  const api = (method: string, path: string, json?: unknown, token = tenant.adminToken) => call(stack.app.url, method, path, { token, json });

  it('refuses a NUL byte in any string of a JSON body with 400, nested ones included', async () => {
    const staff = await api('POST', '/api/v1/staff', { email: `a-${randomBytes(3).toString('hex')}@t.test`, password: 'agent-password-1', role: 'agent', name: 'Ana\u0000' });
    const template = await api('POST', '/api/v1/whatsapp-templates', {
      name: 'retomar',
      contentSid: `HX${randomBytes(16).toString('hex')}`,
      purpose: 'reopen_conversation',
      variables: [{ key: '1', description: 'No\u0000me' }],
    });
    const contact = await api('PATCH', `/api/v1/contacts/${contactId}`, { notes: 'nota\u0000' });

    for (const response of [staff, template, contact]) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual(refusedWith(400));
    }
  });

  it('refuses a lone UTF-16 surrogate in a JSON body (it would reach a jsonb column) with 400', async () => {
    const template = await api('POST', '/api/v1/whatsapp-templates', {
      name: 'retomar',
      contentSid: `HX${randomBytes(16).toString('hex')}`,
      purpose: 'reopen_conversation',
      variables: [{ key: '1', description: 'Nome \ud800' }],
    });
    const keyed = await api('PATCH', `/api/v1/contacts/${contactId}`, { ['notes\udc00']: 'x' });
    // A body the route does not read is still refused: the audit log would keep it.
    const agent = await newAgent(stack.app.url, tenant);
    const unread = await api('POST', `/api/v1/staff/${agent.id}/disable`, { why: '\ud800' });

    expect(unread.status).toBe(400);
    expect((await stack.query(`SELECT 1 FROM staff_users WHERE id = $1 AND disabled_at IS NOT NULL`, [agent.id])).length).toBe(0);
    expect(template.status).toBe(400);
    expect(template.body).toEqual(refusedWith(400));
    expect(template.body.message).toMatch(/surrogate/);
    expect(keyed.status).toBe(400);
  });

  it('refuses a deeply nested body, and an array where an object is expected, with 400', async () => {
    const post = (path: string, body: string, token = tenant.adminToken) =>
      fetch(`${stack.app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

    const deepArrays = await post('/api/v1/auth/refresh', '['.repeat(50_000) + ']'.repeat(50_000));
    const deepObjects = await post('/api/v1/staff', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
    const adminAsArray = await post('/api/v1/tenants', JSON.stringify({ name: 'Loja', admin: [[{ email: 'a@b.test' }]] }), platformToken);
    const variablesAsArrays = await post('/api/v1/whatsapp-templates', JSON.stringify({ name: 'x', contentSid: `HX${randomBytes(16).toString('hex')}`, purpose: 'other', variables: [[]] }));

    for (const response of [deepArrays, deepObjects, adminAsArray, variablesAsArrays]) expect(response).toEqual({ status: 400, body: refusedWith(400) });
  });

  it('refuses a NUL byte in a query or path parameter with 400', async () => {
    const responses = [
      await api('GET', '/api/v1/contacts?q=a%00b'),
      await api('GET', '/api/v1/staff?q=%00'),
      await api('GET', '/api/v1/tenants?q=x%00', undefined, platformToken),
      await api('DELETE', `/api/v1/contacts/${contactId}/tags/vip%00`),
      await api('PATCH', '/api/v1/plans/basic%00', { name: 'x' }, platformToken),
      await api('GET', `/api/v1/contacts/${randomUUID()}%00`),
    ];

    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const response of responses) expect(response.body).toEqual(refusedWith(400));
  });

  it('refuses a huge offset on every paginated list with 400, and still serves the largest allowed one', async () => {
    const docs = (await call(stack.app.url, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, OpenApiOperation>> };
    const lists = Object.entries(docs.paths)
      .filter(([, operations]) => operations.get?.parameters?.some((p) => p.in === 'query' && p.name === 'offset'))
      .map(([path]) => path.replace(/\{[^}]+\}/g, randomUUID()));
    expect(lists.length).toBeGreaterThan(15);

    for (const path of lists) {
      // Platform routes (tenants, plans, audit) are the platform admin's; the others the tenant's.
      const token = (await api('GET', path)).status === 403 ? platformToken : tenant.adminToken;
      for (const offset of ['1e20', '1e308', '99999999999999999999', '2147483648', '-1', 'NaN']) {
        const response = await api('GET', `${path}?offset=${offset}`, undefined, token);
        expect({ path, offset, status: response.status }).toEqual({ path, offset, status: 400 });
      }
    }
    expect((await api('GET', '/api/v1/contacts?offset=2147483647')).body).toMatchObject({ items: [], offset: 2147483647 });
  });

  it('answers a body over the route limit with 413, and a wrong content type with 415 or 400, in the JSON error body', async () => {
    const headers = { authorization: `Bearer ${tenant.adminToken}` };
    const post = (contentType: string, body: string) =>
      fetch(`${stack.app.url}/api/v1/staff`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

    const tooLarge = await post('application/json', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    const xml = await post('application/xml', '<staff/>');
    const form = await post('application/x-www-form-urlencoded', 'email=a%40b.test&role=agent');
    const broken = await post('application/json', '{"email": ');
    const text = await post('text/plain', 'hello');

    expect(tooLarge).toEqual({ status: 413, body: refusedWith(413) });
    expect(xml).toEqual({ status: 415, body: refusedWith(415) });
    expect([400, 415]).toContain(form.status);
    expect(form.body).toEqual(refusedWith(form.status));
    expect(broken).toEqual({ status: 400, body: refusedWith(400) });
    expect([400, 415]).toContain(text.status);
  });
});
