import { usagePeriod } from '../../src/modules/identity/domain/usage';
import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('tenants_plans');
const UNKNOWN_ID = '7d1f3c2a-0000-4000-8000-000000000000';
const ADMIN_PASSWORD = 'tenant-admin-password-1';
const AGENT_PASSWORD = 'agent-password-123';

describe('tenants, plans, subscriptions and feature flags through the API', () => {
  let twilio: TwilioStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let platform: string;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;
  let agentA: string;

  const as = (token: string) => ({
    get: (path: string) => call(app.url, 'GET', path, { token }),
    post: (path: string, json: unknown = {}) => call(app.url, 'POST', path, { token, json }),
    patch: (path: string, json: unknown) => call(app.url, 'PATCH', path, { token, json }),
    put: (path: string, json: unknown) => call(app.url, 'PUT', path, { token, json }),
    delete: (path: string) => call(app.url, 'DELETE', path, { token }),
  });
  const newTenantBody = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    admin: { email: `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@tenant.test`, password: ADMIN_PASSWORD },
    ...extra,
  });

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    db = await createTestDatabase('tenants_plans');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url }));
    platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantA = await newTenant(app.url, 'Loja A');
    tenantB = await newTenant(app.url, 'Loja B');
    const agent = await as(tenantA.adminToken).post('/api/v1/staff', { email: `agent-a-${process.pid}@tenant.test`, password: AGENT_PASSWORD, role: 'agent' });
    expect(agent.status).toBe(201);
    agentA = await login(app.url, `agent-a-${process.pid}@tenant.test`, AGENT_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await twilio?.stop();
    await db?.drop();
    await redis.cleanup();
  });

  describe('tenants (platform admin)', () => {
    it('lists tenants newest first, a page at a time, filtered by part of the name and by status', async () => {
      const tag = `Padaria${process.pid}`;
      const ids: string[] = [];
      for (const name of [`${tag} Centro`, `${tag} Norte`, `Café ${tag.toLowerCase()} Sul`]) ids.push((await as(platform).post('/api/v1/tenants', newTenantBody(name))).body.id);
      await as(platform).post(`/api/v1/tenants/${ids[1]}/suspend`);

      const first = await as(platform).get(`/api/v1/tenants?q=${tag.toUpperCase()}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(first.body.items.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
      const second = await as(platform).get(`/api/v1/tenants?q=${tag}&limit=2&offset=2`);
      expect(second.body.items.map((t: { id: string }) => t.id)).toEqual([ids[0]]);

      const suspended = await as(platform).get(`/api/v1/tenants?q=${tag}&status=suspended`);
      expect(suspended.body).toMatchObject({ total: 1, items: [{ id: ids[1], status: 'suspended', planCode: 'starter' }] });
      const active = await as(platform).get(`/api/v1/tenants?q=${tag}&status=active`);
      expect(active.body.items.map((t: { id: string }) => t.id).sort()).toEqual([ids[0], ids[2]].sort());
      expect((await as(platform).get('/api/v1/tenants?q=%25')).body.total).toBe(0);
      expect((await as(platform).get('/api/v1/tenants?status=closed')).status).toBe(400);
      expect((await as(platform).get('/api/v1/tenants?limit=101')).status).toBe(400);
    });

    it('reads and renames one tenant, with its plan and status; unknown ids are 404, malformed ones 400', async () => {
      const read = await as(platform).get(`/api/v1/tenants/${tenantA.tenantId}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: tenantA.tenantId, status: 'active', planCode: 'starter', suspendedAt: null });

      const renamed = await as(platform).patch(`/api/v1/tenants/${tenantB.tenantId}`, { name: '  Loja B Renomeada ' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: tenantB.tenantId, name: 'Loja B Renomeada' });
      expect((await queryDb(db.url, `SELECT name FROM tenants WHERE id = $1`, [tenantB.tenantId]))[0].name).toBe('Loja B Renomeada');

      expect((await as(platform).patch(`/api/v1/tenants/${tenantB.tenantId}`, { name: '   ' })).status).toBe(400);
      expect((await as(platform).patch(`/api/v1/tenants/${tenantB.tenantId}`, { status: 'suspended' })).status).toBe(400);
      expect((await as(platform).get(`/api/v1/tenants/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await as(platform).patch(`/api/v1/tenants/${UNKNOWN_ID}`, { name: 'X' })).status).toBe(404);
      expect((await as(platform).post(`/api/v1/tenants/${UNKNOWN_ID}/suspend`)).status).toBe(404);
      expect((await as(platform).get('/api/v1/tenants/not-a-uuid')).status).toBe(400);
    });

    it('creates a tenant on the plan asked for, and on an unknown plan creates nothing at all (422)', async () => {
      const pro = await as(platform).post('/api/v1/tenants', newTenantBody('Loja Pro', { planCode: 'pro' }));
      expect(pro.status).toBe(201);
      expect(pro.body).toMatchObject({ status: 'active', planCode: 'pro', adminId: expect.any(String) });
      const [subscription] = await queryDb(db.url, `SELECT p.code FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.tenant_id = $1`, [pro.body.id]);
      expect(subscription.code).toBe('pro');

      const body = newTenantBody('Loja Fantasma', { planCode: 'platinum' });
      const unknown = await as(platform).post('/api/v1/tenants', body);
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('IDENTITY.UNKNOWN_PLAN');
      expect(await queryDb(db.url, `SELECT id FROM tenants WHERE name = 'Loja Fantasma'`)).toEqual([]);
      expect(await queryDb(db.url, `SELECT id FROM staff_users WHERE email = $1`, [body.admin.email])).toEqual([]);
    });

    it("suspends a tenant: its staff cannot log in, its inbound is stored and acknowledged but not answered; reactivation undoes both", async () => {
      const tenant = await newTenant(app.url, 'Loja Suspensa');
      const suspended = await as(platform).post(`/api/v1/tenants/${tenant.tenantId}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', suspendedAt: expect.any(String) });
      const again = await as(platform).post(`/api/v1/tenants/${tenant.tenantId}/suspend`);
      expect(again.body.suspendedAt).toBe(suspended.body.suspendedAt);

      const refused = await call(app.url, 'POST', '/api/v1/auth/login', { json: { email: tenant.adminEmail, password: ADMIN_PASSWORD } });
      expect(refused.status).toBe(401);

      const customer = '+5511922220001';
      const form = inboundForm(tenant, { from: customer, body: 'Olá, bom dia!' });
      const webhook = await postInbound(app.url, form, tenant.number.authToken);
      expect(webhook.status).toBe(200);
      expect(webhook.text).toContain('<Response/>');
      await eventually(
        async () => (await queryDb(db.url, `SELECT processed_at FROM messages WHERE provider_sid = $1`, [form.MessageSid]))[0]?.processed_at,
        'the worker to settle the inbound message',
      );
      expect(await queryDb(db.url, `SELECT id FROM messages WHERE tenant_id = $1 AND direction = 'outbound'`, [tenant.tenantId])).toEqual([]);
      expect(twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`)).toEqual([]);

      const reactivated = await as(platform).post(`/api/v1/tenants/${tenant.tenantId}/reactivate`);
      expect(reactivated.body).toMatchObject({ status: 'active', suspendedAt: null });
      expect(typeof (await login(app.url, tenant.adminEmail, ADMIN_PASSWORD))).toBe('string');
      await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Olá de novo!' }), tenant.number.authToken);
      await eventually(() => twilio.accepted.some((m) => m.to === `whatsapp:${customer}`), 'the reply once the tenant is active again');
      expect(twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`)).toHaveLength(1);
    });
  });

  describe('roles', () => {
    const platformRoutes: [string, string, unknown?][] = [
      ['GET', '/api/v1/tenants'],
      ['GET', `/api/v1/tenants/${UNKNOWN_ID}`],
      ['PATCH', `/api/v1/tenants/${UNKNOWN_ID}`, { name: 'X' }],
      ['POST', `/api/v1/tenants/${UNKNOWN_ID}/suspend`, {}],
      ['POST', `/api/v1/tenants/${UNKNOWN_ID}/reactivate`, {}],
      ['GET', '/api/v1/plans'],
      ['POST', '/api/v1/plans', { code: 'x', name: 'X', aiRepliesPerMonth: 1, kbMaxBytes: 1, maxSpecialists: 1 }],
      ['PATCH', '/api/v1/plans/free', { name: 'Grátis' }],
      ['GET', `/api/v1/tenants/${UNKNOWN_ID}/subscription`],
      ['PUT', `/api/v1/tenants/${UNKNOWN_ID}/subscription`, { planCode: 'enterprise' }],
      ['GET', `/api/v1/tenants/${UNKNOWN_ID}/feature-flags`],
      ['PUT', `/api/v1/tenants/${UNKNOWN_ID}/feature-flags/http_tools`, { enabled: true }],
      ['DELETE', `/api/v1/tenants/${UNKNOWN_ID}/feature-flags/http_tools`],
    ];

    it("refuses tenant admins and agents every platform route with 403, even for their own tenant's id", async () => {
      const refusedTo: string[] = [];
      for (const [who, token] of [['tenant_admin', tenantA.adminToken], ['agent', agentA]]) {
        for (const [method, path, json] of platformRoutes) {
          for (const target of [path, path.replace(UNKNOWN_ID, tenantA.tenantId)]) {
            const result = await call(app.url, method, target, { token, json });
            if (result.status !== 403) refusedTo.push(`${who} ${method} ${target}: ${result.status}`);
          }
        }
      }
      expect(refusedTo).toEqual([]);
      expect((await as(platform).get('/api/v1/plans')).body.items.find((p: { code: string }) => p.code === 'free').name).toBe('Free');
    });

    it('shows a tenant admin and an agent their own tenant only, and the platform admin none', async () => {
      const ownA = await as(tenantA.adminToken).get('/api/v1/tenant');
      expect(ownA.status).toBe(200);
      expect(ownA.body).toMatchObject({ id: tenantA.tenantId, status: 'active', planCode: 'starter' });
      expect((await as(agentA).get('/api/v1/tenant')).body.id).toBe(tenantA.tenantId);
      expect((await as(tenantB.adminToken).get('/api/v1/tenant')).body.id).toBe(tenantB.tenantId);
      expect((await as(platform).get('/api/v1/tenant')).status).toBe(403);
    });

    it("shows a tenant admin their own subscription and this month's usage only; agents and the platform admin get 403", async () => {
      // The counters of the month the server may be in, should the test straddle midnight at a month's end.
      for (const period of new Set([usagePeriod(new Date()), usagePeriod(new Date(Date.now() + 60_000))])) {
        await queryDb(db.url, `INSERT INTO usage_counters (tenant_id, period, ai_replies, prompt_tokens, completion_tokens) VALUES ($1, $2, 7, 700, 70)`, [tenantA.tenantId, period]);
      }
      const own = await as(tenantA.adminToken).get('/api/v1/subscription');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ tenantId: tenantA.tenantId, plan: { code: 'starter', aiRepliesPerMonth: 2000, isDefault: true }, startedAt: expect.any(String) });
      expect(own.body.usage).toEqual({ period: expect.stringMatching(/^\d{4}-\d{2}$/), aiReplies: 7, promptTokens: 700, completionTokens: 70, costUsd: 0 });

      const other = await as(tenantB.adminToken).get('/api/v1/subscription');
      expect(other.body.tenantId).toBe(tenantB.tenantId);
      expect(other.body.usage).toMatchObject({ aiReplies: 0, promptTokens: 0, completionTokens: 0 });
      expect((await as(agentA).get('/api/v1/subscription')).status).toBe(403);
      expect((await as(platform).get('/api/v1/subscription')).status).toBe(403);
    });
  });

  describe('plans and subscriptions (platform admin)', () => {
    const business = { code: 'business', name: 'Business', aiRepliesPerMonth: 5000, kbMaxBytes: 52428800, maxSpecialists: 5, allowedTools: ['search_knowledge_base', 'http'], features: { knowledge_base: true, http_tools: true } };

    it('lists the seeded catalogue, default plan first, with null meaning unlimited', async () => {
      const plans = await as(platform).get('/api/v1/plans?limit=100');
      expect(plans.status).toBe(200);
      expect(plans.body.items[0]).toMatchObject({ code: 'starter', isDefault: true, aiRepliesPerMonth: 2000, kbMaxBytes: 20971520 });
      expect(plans.body.items.find((p: { code: string }) => p.code === 'enterprise')).toMatchObject({ aiRepliesPerMonth: null, kbMaxBytes: null, maxSpecialists: null });
      expect(plans.body.total).toBeGreaterThanOrEqual(4);
      expect((await as(platform).get('/api/v1/plans?limit=1')).body.items).toHaveLength(1);
    });

    it('creates a plan, refuses a taken code (409) and malformed plans (400), and changes one in place', async () => {
      const created = await as(platform).post('/api/v1/plans', business);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ ...business, isDefault: false });
      expect((await as(platform).post('/api/v1/plans', business)).status).toBe(409);

      const invalid = [
        { ...business, code: 'other', features: { 'Http-Tools': true } },
        { ...business, code: 'other', features: { ['x'.repeat(61)]: true } },
        { ...business, code: 'other', features: { http_tools: 'yes' } },
        { ...business, code: 'other', features: null },
        { ...business, code: 'other', allowedTools: ['Http Tool'] },
        { code: 'other', name: 'Other', allowedTools: [] },
        { ...business, code: 'Other Plan' },
        { ...business, code: 'other', aiRepliesPerMonth: -1 },
        { ...business, code: 'other', isDefault: true },
      ];
      for (const body of invalid) expect([JSON.stringify(body), (await as(platform).post('/api/v1/plans', body)).status]).toEqual([JSON.stringify(body), 400]);

      const changed = await as(platform).patch('/api/v1/plans/business', { aiRepliesPerMonth: null, features: { knowledge_base: false } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ code: 'business', name: 'Business', aiRepliesPerMonth: null, maxSpecialists: 5, features: { knowledge_base: false } });
      expect((await as(platform).patch('/api/v1/plans/business', { name: null })).status).toBe(400);
      expect((await as(platform).patch('/api/v1/plans/gold', { name: 'Gold' })).status).toBe(404);
    });

    it("moves a tenant to another plan, which its admin then sees; unknown plans are 422 and unknown tenants 404", async () => {
      const moved = await as(platform).put(`/api/v1/tenants/${tenantB.tenantId}/subscription`, { planCode: 'pro' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ tenantId: tenantB.tenantId, plan: { code: 'pro', aiRepliesPerMonth: 20000 }, usage: { aiReplies: 0 } });
      expect((await as(platform).get(`/api/v1/tenants/${tenantB.tenantId}/subscription`)).body.plan.code).toBe('pro');
      expect((await as(tenantB.adminToken).get('/api/v1/subscription')).body.plan.code).toBe('pro');
      expect((await as(platform).get(`/api/v1/tenants/${tenantB.tenantId}`)).body.planCode).toBe('pro');
      expect((await as(tenantA.adminToken).get('/api/v1/subscription')).body.plan.code).toBe('starter');

      const unknownPlan = await as(platform).put(`/api/v1/tenants/${tenantB.tenantId}/subscription`, { planCode: 'platinum' });
      expect(unknownPlan.status).toBe(422);
      expect(unknownPlan.body.code).toBe('IDENTITY.UNKNOWN_PLAN');
      expect((await as(platform).put(`/api/v1/tenants/${UNKNOWN_ID}/subscription`, { planCode: 'pro' })).status).toBe(404);
      expect((await as(platform).get(`/api/v1/tenants/${UNKNOWN_ID}/subscription`)).status).toBe(404);
      expect((await as(platform).put(`/api/v1/tenants/${tenantB.tenantId}/subscription`, {})).status).toBe(400);
    });
  });

  describe('feature flags', () => {
    const flagsOf = async (token: string, path: string) =>
      Object.fromEntries(((await as(token).get(path)).body.items as { flag: string; enabled: boolean; overridden: boolean }[]).map((f) => [f.flag, [f.enabled, f.overridden]]));

    it("overrides a tenant's flag in both directions, falls back to the plan when the override goes, and leaves other tenants alone", async () => {
      const tenant = await newTenant(app.url, 'Loja Flags');
      const path = `/api/v1/tenants/${tenant.tenantId}/feature-flags`;
      expect(await flagsOf(platform, path)).toEqual({ knowledge_base: [true, false], pii_masking: [true, false], http_tools: [false, false], semantic_cache: [false, false] });

      const off = await as(platform).put(`${path}/knowledge_base`, { enabled: false });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ flag: 'knowledge_base', enabled: false, overridden: true, planValue: true });
      await as(platform).put(`${path}/voice_notes`, { enabled: true });
      expect(await flagsOf(tenant.adminToken, '/api/v1/feature-flags')).toMatchObject({ knowledge_base: [false, true], voice_notes: [true, true], pii_masking: [true, false] });
      expect(await flagsOf(tenantA.adminToken, '/api/v1/feature-flags')).toMatchObject({ knowledge_base: [true, false] });
      expect((await flagsOf(agentA, '/api/v1/feature-flags')).voice_notes).toBeUndefined();

      const cleared = await as(platform).delete(`${path}/knowledge_base`);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ flag: 'knowledge_base', enabled: true, overridden: false, planValue: true });
      expect((await as(platform).delete(`${path}/knowledge_base`)).status).toBe(200);
      expect(await queryDb(db.url, `SELECT flag, enabled FROM feature_flag_overrides WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([{ flag: 'voice_notes', enabled: true }]);
    });

    it("follows a change of the plan's features for every flag the tenant does not override", async () => {
      const created = await as(platform).post('/api/v1/tenants', newTenantBody('Loja Plano Próprio', { planCode: 'business' }));
      const path = `/api/v1/tenants/${created.body.id}/feature-flags`;
      await as(platform).put(`${path}/http_tools`, { enabled: false });
      await as(platform).patch('/api/v1/plans/business', { features: { knowledge_base: true, http_tools: true, semantic_cache: true } });

      expect(await flagsOf(platform, path)).toEqual({ knowledge_base: [true, false], http_tools: [false, true], semantic_cache: [true, false] });
    });

    it('refuses flag names that are not lower_snake_case or longer than 60 characters (400), and unknown tenants (404)', async () => {
      const path = `/api/v1/tenants/${tenantA.tenantId}/feature-flags`;
      for (const flag of ['Knowledge_Base', 'knowledge-base', '_x', 'x'.repeat(61)]) {
        expect([flag, (await as(platform).put(`${path}/${flag}`, { enabled: true })).status]).toEqual([flag, 400]);
      }
      expect((await as(platform).put(`${path}/${'x'.repeat(60)}`, { enabled: true })).status).toBe(200);
      expect((await as(platform).put(`${path}/http_tools`, { enabled: 'yes' })).status).toBe(400);
      expect((await as(platform).put(`/api/v1/tenants/${UNKNOWN_ID}/feature-flags/http_tools`, { enabled: true })).status).toBe(404);
      expect((await as(platform).get(`/api/v1/tenants/${UNKNOWN_ID}/feature-flags`)).status).toBe(404);
    });
  });
});
