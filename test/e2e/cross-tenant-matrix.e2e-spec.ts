import { randomBytes } from 'node:crypto';
import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('matrix');
const STAFF_PASSWORD = 'staff-password-1';

type Role = 'tenant_admin' | 'agent';
interface Route {
  method: string;
  path: string;
  body?: unknown;
  /** Roles the route serves at all; any other role gets 403 before ownership is looked at. */
  roles: Role[];
}

/**
 * Every tenant-scoped route that names a resource, pointed at tenant A's resources and called by
 * tenant B's admin and agent: 404 where B's role may use the route (A's resource does not exist for
 * B), 403 where the route is bound to a role B's caller lacks. Lists never show A's rows to B.
 */
describe('cross-tenant matrix: tenant B can neither see nor touch tenant A', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  async function newAgent(tenant: TenantFixture): Promise<{ id: string; token: string }> {
    const email = `agent-${randomBytes(4).toString('hex')}@matrix.test`;
    const created = await call(app.url, 'POST', '/api/v1/staff', { token: tenant.adminToken, json: { email, password: STAFF_PASSWORD, role: 'agent' } });
    expect(created.status).toBe(201);
    return { id: created.body.id, token: await login(app.url, email, STAFF_PASSWORD) };
  }

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('matrix');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url }));
    a = await newTenant(app.url, 'A');
    b = await newTenant(app.url, 'B');
    const agentA = await newAgent(a);
    const agentB = await newAgent(b);
    Object.assign(tokens, { adminB: b.adminToken, agentB: agentB.token });

    await postInbound(app.url, inboundForm(a, { from: '+5511966660001', body: 'Olá, sou cliente de A' }), a.number.authToken);
    await eventually(() => twilio.accepted.length > 0, "A's reply");
    const [conversation] = await queryDb<{ id: string; contact_id: string }>(db.url, `SELECT id, contact_id FROM conversations WHERE tenant_id = $1`, [a.tenantId]);
    await call(app.url, 'POST', `/api/v1/contacts/${conversation.contact_id}/tags`, { token: a.adminToken, json: { tags: ['segredo'] } });
    Object.assign(ids, { conversation: conversation.id, contact: conversation.contact_id, number: a.number.id, agent: agentA.id, tenant: a.tenantId });
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  const routes = (): Route[] => [
    { method: 'GET', path: `/api/v1/conversations/${ids.conversation}`, roles: ['tenant_admin', 'agent'] },
    { method: 'GET', path: `/api/v1/conversations/${ids.conversation}/messages`, roles: ['tenant_admin', 'agent'] },
    { method: 'GET', path: `/api/v1/contacts/${ids.contact}`, roles: ['tenant_admin', 'agent'] },
    { method: 'PATCH', path: `/api/v1/contacts/${ids.contact}`, body: { notes: 'invadido' }, roles: ['tenant_admin', 'agent'] },
    { method: 'POST', path: `/api/v1/contacts/${ids.contact}/tags`, body: { tags: ['invadido'] }, roles: ['tenant_admin', 'agent'] },
    { method: 'DELETE', path: `/api/v1/contacts/${ids.contact}/tags/segredo`, roles: ['tenant_admin', 'agent'] },
    { method: 'GET', path: `/api/v1/contacts/${ids.contact}/export`, roles: ['tenant_admin'] },
    { method: 'DELETE', path: `/api/v1/contacts/${ids.contact}`, roles: ['tenant_admin'] },
    { method: 'GET', path: `/api/v1/staff/${ids.agent}`, roles: ['tenant_admin'] },
    { method: 'PATCH', path: `/api/v1/staff/${ids.agent}`, body: { name: 'invadido' }, roles: ['tenant_admin'] },
    { method: 'POST', path: `/api/v1/staff/${ids.agent}/disable`, roles: ['tenant_admin'] },
    { method: 'POST', path: `/api/v1/staff/${ids.agent}/enable`, roles: ['tenant_admin'] },
    { method: 'DELETE', path: `/api/v1/staff/${ids.agent}`, roles: ['tenant_admin'] },
    { method: 'GET', path: `/api/v1/whatsapp-numbers/${ids.number}`, roles: ['tenant_admin'] },
    { method: 'PATCH', path: `/api/v1/whatsapp-numbers/${ids.number}`, body: { twilioAuthToken: 'f'.repeat(32) }, roles: ['tenant_admin'] },
    { method: 'POST', path: `/api/v1/whatsapp-numbers/${ids.number}/disable`, roles: ['tenant_admin'] },
    { method: 'POST', path: `/api/v1/whatsapp-numbers/${ids.number}/enable`, roles: ['tenant_admin'] },
    { method: 'DELETE', path: `/api/v1/whatsapp-numbers/${ids.number}`, roles: ['tenant_admin'] },
    // Platform routes naming tenant A: role-bound, so 403 for every tenant role.
    { method: 'GET', path: `/api/v1/tenants/${ids.tenant}`, roles: [] },
    { method: 'PATCH', path: `/api/v1/tenants/${ids.tenant}`, body: { name: 'invadido' }, roles: [] },
    { method: 'POST', path: `/api/v1/tenants/${ids.tenant}/suspend`, roles: [] },
    { method: 'GET', path: `/api/v1/tenants/${ids.tenant}/subscription`, roles: [] },
    { method: 'PUT', path: `/api/v1/tenants/${ids.tenant}/subscription`, body: { planCode: 'free' }, roles: [] },
    { method: 'GET', path: `/api/v1/tenants/${ids.tenant}/feature-flags`, roles: [] },
    { method: 'PUT', path: `/api/v1/tenants/${ids.tenant}/feature-flags/knowledge_base`, body: { enabled: false }, roles: [] },
  ];

  it.each([
    ['tenant_admin', 'adminB'],
    ['agent', 'agentB'],
  ] as const)("answers tenant B's %s with 404 (or 403 where the route is role-bound) on every one of A's resources", async (role, who) => {
    const wrong: string[] = [];
    for (const route of routes()) {
      const expected = route.roles.includes(role) ? 404 : 403;
      const response = await call(app.url, route.method, route.path, { token: tokens[who], json: route.body });
      if (response.status !== expected) wrong.push(`${route.method} ${route.path} → ${response.status}, expected ${expected}`);
      if (response.status === expected && typeof response.body?.statusCode !== 'number') wrong.push(`${route.method} ${route.path}: not the JSON error shape`);
    }
    expect(wrong).toEqual([]);
  });

  it("left every one of A's resources exactly as it was", async () => {
    const [contact] = await queryDb<{ tags: string[]; notes: string | null }>(db.url, `SELECT tags, notes FROM contacts WHERE id = $1`, [ids.contact]);
    expect(contact).toEqual({ tags: ['segredo'], notes: null });
    const [agent] = await queryDb<{ name: string | null; disabled_at: Date | null }>(db.url, `SELECT name, disabled_at FROM staff_users WHERE id = $1`, [ids.agent]);
    expect(agent).toEqual({ name: null, disabled_at: null });
    const [number] = await queryDb<{ disabled_at: Date | null }>(db.url, `SELECT disabled_at FROM whatsapp_numbers WHERE id = $1`, [ids.number]);
    expect(number.disabled_at).toBeNull();
    const [tenant] = await queryDb<{ name: string; status: string }>(db.url, `SELECT name, status FROM tenants WHERE id = $1`, [ids.tenant]);
    expect(tenant.status).toBe('active');
    expect(tenant.name).not.toBe('invadido');
    const platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const subscription = await call(app.url, 'GET', `/api/v1/tenants/${ids.tenant}/subscription`, { token: platform });
    expect(subscription.body.plan.code).not.toBe('free');
    expect((await call(app.url, 'GET', `/api/v1/contacts/${ids.contact}`, { token: a.adminToken })).status).toBe(200);
  });

  it.each([
    ['tenant_admin', 'adminB', ['/api/v1/conversations', '/api/v1/contacts', '/api/v1/contacts?q=5511966660001', '/api/v1/staff', '/api/v1/whatsapp-numbers', '/api/v1/audit-events', '/api/v1/contact-erasures', '/api/v1/tenant', '/api/v1/subscription', '/api/v1/feature-flags']],
    ['agent', 'agentB', ['/api/v1/conversations', '/api/v1/contacts', '/api/v1/contacts?tag=segredo', '/api/v1/tenant', '/api/v1/feature-flags']],
  ] as const)("never lists one of A's rows to B's %s", async (_role, who, lists) => {
    for (const path of lists) {
      const response = await call(app.url, 'GET', path, { token: tokens[who] });
      expect([path, response.status]).toEqual([path, 200]);
      for (const id of Object.values(ids)) expect([path, response.text.includes(id)]).toEqual([path, false]);
      expect([path, response.text.includes('5511966660001')]).toEqual([path, false]);
    }
  });

  it('lets neither B role into the platform lists, and keeps agents off management lists', async () => {
    for (const path of ['/api/v1/tenants', '/api/v1/plans']) {
      expect((await call(app.url, 'GET', path, { token: tokens.adminB })).status).toBe(403);
      expect((await call(app.url, 'GET', path, { token: tokens.agentB })).status).toBe(403);
    }
    for (const path of ['/api/v1/staff', '/api/v1/whatsapp-numbers', '/api/v1/audit-events', '/api/v1/contact-erasures', '/api/v1/subscription']) {
      expect((await call(app.url, 'GET', path, { token: tokens.agentB })).status).toBe(403);
    }
    const platformWrites: [string, string, unknown][] = [
      ['POST', '/api/v1/tenants', { name: 'X', admin: { email: 'x@matrix.test', password: STAFF_PASSWORD } }],
      ['POST', '/api/v1/plans', { code: 'x', name: 'X', aiRepliesPerMonth: null, kbMaxBytes: null, maxSpecialists: null, allowedTools: [], features: {} }],
      ['PATCH', '/api/v1/plans/free', { name: 'Grátis' }],
    ];
    for (const [method, path, body] of platformWrites) {
      expect((await call(app.url, method, path, { token: tokens.adminB, json: body })).status).toBe(403);
      expect((await call(app.url, method, path, { token: tokens.agentB, json: body })).status).toBe(403);
    }
  });
});
