import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { call, HttpResult, newTenant, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { eventually, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';
import { REDIS_TEST_URL } from '../support/test-env';

const redis = testRedis('staff');
// The e2e project's testTimeout is not applied by Jest 30 (a global-only option); throttled logins wait seconds by design.
jest.setTimeout(60_000);

const TENANT_ADMIN_PASSWORD = 'tenant-admin-password-1';
const STAFF_PASSWORD = 'staff-password-2024';
const WRONG_PASSWORD = 'wrong-password-1';
const VIEW_KEYS = ['createdAt', 'email', 'id', 'lastLoginAt', 'name', 'role', 'status'];

/** Fastify runs with trustProxy: X-Forwarded-For sets request.ip, so each test can log in from an address of its own. */
async function logIn(baseUrl: string, email: string, password: string, address = '127.0.0.1'): Promise<HttpResult> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
}

let sequence = 0;
const uniqueEmail = (label: string) => `${label}-${process.pid}-${++sequence}-${randomBytes(2).toString('hex')}@staff.test`;

describe('staff management and sessions', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;

  beforeAll(async () => {
    db = await createTestDatabase('staff');
    // The tests play the part of a reverse proxy on loopback that forwards each client's address.
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, extra: { TRUST_PROXY: 'loopback' } }));
    tenantA = await newTenant(app.url, 'Loja A');
    tenantB = await newTenant(app.url, 'Loja B');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  /** A staff user created through the API, logged in: their id, e-mail and both tokens. */
  async function newStaff(admin: string, role: 'tenant_admin' | 'agent', extra: { name?: string; address?: string } = {}) {
    const email = uniqueEmail(role);
    const created = await call(app.url, 'POST', '/api/v1/staff', { token: admin, json: { email, password: STAFF_PASSWORD, role, ...(extra.name ? { name: extra.name } : {}) } });
    if (created.status !== 201) throw new Error(`staff creation failed: ${created.status} ${created.text}`);
    const session = await logIn(app.url, email, STAFF_PASSWORD, extra.address);
    if (session.status !== 200) throw new Error(`staff login failed: ${session.status} ${session.text}`);
    return { id: created.body.id as string, email, accessToken: session.body.accessToken as string, refreshToken: session.body.refreshToken as string };
  }

  const refresh = (refreshToken: string) => call(app.url, 'POST', '/api/v1/auth/refresh', { json: { refreshToken } });
  const me = (token: string) => call(app.url, 'GET', '/api/v1/auth/me', { token });
  const idOf = async (email: string) => (await queryDb<{ id: string }>(db.url, `SELECT id FROM staff_users WHERE lower(email) = lower($1)`, [email]))[0].id;

  describe('managing staff', () => {
    it("creates an agent and an admin in the caller's tenant, answering the staff view and never the password or its hash", async () => {
      const email = uniqueEmail('joana');
      const created = await call(app.url, 'POST', '/api/v1/staff', { token: tenantA.adminToken, json: { email: email.toUpperCase(), password: STAFF_PASSWORD, role: 'agent', name: 'Joana Silva' } });

      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(VIEW_KEYS);
      expect(created.body).toMatchObject({ email, name: 'Joana Silva', role: 'agent', status: 'active', lastLoginAt: null });
      expect(created.text).not.toContain(STAFF_PASSWORD);
      expect(created.text).not.toContain('argon2');

      const [stored] = await queryDb<{ tenant_id: string; password_hash: string }>(db.url, `SELECT tenant_id, password_hash FROM staff_users WHERE id = $1`, [created.body.id]);
      expect(stored.tenant_id).toBe(tenantA.tenantId);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);

      const admin = await call(app.url, 'POST', '/api/v1/staff', { token: tenantA.adminToken, json: { email: uniqueEmail('admin'), password: STAFF_PASSWORD, role: 'tenant_admin' } });
      expect(admin.status).toBe(201);
      expect(admin.body).toMatchObject({ role: 'tenant_admin', name: null });

      const read = await call(app.url, 'GET', `/api/v1/staff/${created.body.id}`, { token: tenantA.adminToken });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('refuses an e-mail taken anywhere on the platform (409), a weak password (422) and a role outside the tenant (400)', async () => {
      const post = (json: Record<string, unknown>) => call(app.url, 'POST', '/api/v1/staff', { token: tenantA.adminToken, json });

      const takenInB = await post({ email: tenantB.adminEmail.toUpperCase(), password: STAFF_PASSWORD, role: 'agent' });
      expect(takenInB.status).toBe(409);
      expect(takenInB.body.code).toBe('IDENTITY.EMAIL_TAKEN');
      expect((await post({ email: PLATFORM_ADMIN.email, password: STAFF_PASSWORD, role: 'agent' })).status).toBe(409);

      const weak = await post({ email: uniqueEmail('weak'), password: 'short', role: 'agent' });
      expect(weak.status).toBe(422);
      expect(weak.body.code).toBe('IDENTITY.WEAK_PASSWORD');

      expect((await post({ email: uniqueEmail('root'), password: STAFF_PASSWORD, role: 'platform_admin' })).status).toBe(400);
      expect((await post({ email: uniqueEmail('x'), password: STAFF_PASSWORD, role: 'agent', tenantId: tenantB.tenantId })).status).toBe(400);
      expect((await post({ email: 'not-an-email', password: STAFF_PASSWORD, role: 'agent' })).status).toBe(400);
    });

    it('lists a page at a time with the total, filtered by role, status and part of the e-mail or name in any case', async () => {
      const shop = await newTenant(app.url, 'Lista');
      const carla = await newStaff(shop.adminToken, 'agent', { name: 'Carla Souza' });
      const bruno = await newStaff(shop.adminToken, 'agent', { name: 'Bruno' });
      const dora = await newStaff(shop.adminToken, 'agent', { name: 'Dora 100% Feliz' });
      const ester = await newStaff(shop.adminToken, 'tenant_admin', { name: 'Ester' });
      expect((await call(app.url, 'POST', `/api/v1/staff/${bruno.id}/disable`, { token: shop.adminToken })).status).toBe(200);
      const list = async (query: string) => {
        const result = await call(app.url, 'GET', `/api/v1/staff${query}`, { token: shop.adminToken });
        expect(result.status).toBe(200);
        return result.body as { items: { id: string; email: string }[]; total: number; limit: number; offset: number };
      };

      const first = await list('?limit=2&offset=0');
      const second = await list('?limit=2&offset=2');
      const third = await list('?limit=2&offset=4');
      expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
      expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
      expect(first).toMatchObject({ limit: 2, offset: 0 });
      const everyone = [...first.items, ...second.items, ...third.items].map((s) => s.id);
      expect(new Set(everyone).size).toBe(5);
      expect(everyone).toEqual(expect.arrayContaining([carla.id, bruno.id, dora.id, ester.id]));

      const agents = await list('?role=agent');
      expect(agents.total).toBe(3);
      expect((await list('?role=tenant_admin')).items.map((s) => s.id)).toEqual(expect.arrayContaining([ester.id]));
      expect((await list('?status=disabled')).items.map((s) => s.id)).toEqual([bruno.id]);
      expect((await list('?status=active&role=agent')).items.map((s) => s.id).sort()).toEqual([carla.id, dora.id].sort());
      expect((await list('?q=SOUZA')).items.map((s) => s.id)).toEqual([carla.id]);
      expect((await list(`?q=${encodeURIComponent(ester.email.split('@')[0].toUpperCase())}`)).items.map((s) => s.id)).toEqual([ester.id]);
      expect((await list(`?q=${encodeURIComponent('100%')}`)).items.map((s) => s.id)).toEqual([dora.id]);
      expect((await list(`?q=${encodeURIComponent('%')}`)).items.map((s) => s.id)).toEqual([dora.id]);

      for (const bad of ['?status=gone', '?role=platform_admin', '?limit=1000', '?offset=-1', '?q=']) {
        expect((await call(app.url, 'GET', `/api/v1/staff${bad}`, { token: shop.adminToken })).status).toBe(400);
      }
    });

    it('renames, re-roles and re-enables through PATCH and enable', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');

      const renamed = await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { name: 'Nome Novo' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: agent.id, name: 'Nome Novo', role: 'agent' });
      const cleared = await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { name: null } });
      expect(cleared.body.name).toBeNull();

      const disabled = await call(app.url, 'POST', `/api/v1/staff/${agent.id}/disable`, { token: tenantA.adminToken });
      expect(disabled.body.status).toBe('disabled');
      const enabled = await call(app.url, 'POST', `/api/v1/staff/${agent.id}/enable`, { token: tenantA.adminToken });
      expect(enabled.status).toBe(200);
      expect(enabled.body.status).toBe('active');
      expect((await logIn(app.url, agent.email, STAFF_PASSWORD)).status).toBe(200);

      expect((await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { role: 'platform_admin' } })).status).toBe(400);
      expect((await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { password: 'short' } })).status).toBe(422);
      expect((await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { email: 'new@staff.test' } })).status).toBe(400);
      expect((await call(app.url, 'GET', '/api/v1/staff/not-a-uuid', { token: tenantA.adminToken })).status).toBe(400);
    });

    it('deletes a staff user (204): their id is then unknown, their row gone, and their tokens dead', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');

      const deleted = await call(app.url, 'DELETE', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken });
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');

      expect((await call(app.url, 'GET', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken })).status).toBe(404);
      expect((await call(app.url, 'DELETE', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken })).status).toBe(404);
      expect(await queryDb(db.url, `SELECT 1 FROM staff_users WHERE id = $1`, [agent.id])).toEqual([]);
      expect((await me(agent.accessToken)).status).toBe(401);
      expect((await refresh(agent.refreshToken)).status).toBe(401);
    });
  });

  describe('roles and tenants', () => {
    it('answers an agent 403 on every staff route', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');
      const someone = await newStaff(tenantA.adminToken, 'agent');
      const routes: [string, string, unknown?][] = [
        ['POST', '/api/v1/staff', { email: uniqueEmail('by-agent'), password: STAFF_PASSWORD, role: 'agent' }],
        ['GET', '/api/v1/staff'],
        ['GET', `/api/v1/staff/${someone.id}`],
        ['PATCH', `/api/v1/staff/${someone.id}`, { name: 'Tentativa' }],
        ['POST', `/api/v1/staff/${someone.id}/disable`],
        ['POST', `/api/v1/staff/${someone.id}/enable`],
        ['DELETE', `/api/v1/staff/${someone.id}`],
      ];

      const statuses = [];
      for (const [method, path, json] of routes) statuses.push((await call(app.url, method, path, { token: agent.accessToken, json })).status);

      expect(statuses).toEqual(routes.map(() => 403));
      const [row] = await queryDb<{ name: string | null; disabled_at: Date | null }>(db.url, `SELECT name, disabled_at FROM staff_users WHERE id = $1`, [someone.id]);
      expect(row).toEqual({ name: null, disabled_at: null });
    });

    it("answers tenant B's admin 404 on tenant A's staff ids, changes nothing, and never lists A's staff to B", async () => {
      const agentOfA = await newStaff(tenantA.adminToken, 'agent');
      const adminOfA = await idOf(tenantA.adminEmail);
      const rootId = await idOf(PLATFORM_ADMIN.email);

      for (const id of [agentOfA.id, adminOfA, rootId]) {
        const attempts = await Promise.all([
          call(app.url, 'GET', `/api/v1/staff/${id}`, { token: tenantB.adminToken }),
          call(app.url, 'PATCH', `/api/v1/staff/${id}`, { token: tenantB.adminToken, json: { name: 'Invasor', role: 'agent', password: 'invasor-senha-1' } }),
          call(app.url, 'POST', `/api/v1/staff/${id}/disable`, { token: tenantB.adminToken }),
          call(app.url, 'POST', `/api/v1/staff/${id}/enable`, { token: tenantB.adminToken }),
          call(app.url, 'DELETE', `/api/v1/staff/${id}`, { token: tenantB.adminToken }),
        ]);
        expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
        expect(attempts[0].body.code).toBe('IDENTITY.STAFF_NOT_FOUND');
      }
      const [row] = await queryDb<{ name: string | null; role: string; disabled_at: Date | null }>(db.url, `SELECT name, role, disabled_at FROM staff_users WHERE id = $1`, [agentOfA.id]);
      expect(row).toEqual({ name: null, role: 'agent', disabled_at: null });
      expect((await me(agentOfA.accessToken)).status).toBe(200);

      const listed = await call(app.url, 'GET', '/api/v1/staff?limit=100', { token: tenantB.adminToken });
      const ids = listed.body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(await idOf(tenantB.adminEmail));
      expect(ids).not.toContain(agentOfA.id);
      expect(ids).not.toContain(adminOfA);
      expect(ids).not.toContain(rootId);
      const aStaffIds = (await queryDb<{ id: string }>(db.url, `SELECT id FROM staff_users WHERE tenant_id = $1`, [tenantA.tenantId])).map((r) => r.id);
      expect(ids.filter((id: string) => aStaffIds.includes(id))).toEqual([]);
      expect((await call(app.url, 'GET', `/api/v1/staff?q=${encodeURIComponent(agentOfA.email)}`, { token: tenantB.adminToken })).body.total).toBe(0);
    });

    it('keeps the platform admin away from staff routes, which act inside a tenant', async () => {
      const root = await logIn(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      expect((await call(app.url, 'GET', '/api/v1/staff', { token: root.body.accessToken })).status).toBe(403);
    });

    it("shows any staff user their own account with their tenant, and records each login's time", async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent', { name: 'Eu Mesma' });

      const mine = await me(agent.accessToken);
      expect(mine.status).toBe(200);
      expect(Object.keys(mine.body).sort()).toEqual([...VIEW_KEYS, 'tenantId'].sort());
      expect(mine.body).toMatchObject({ id: agent.id, email: agent.email, name: 'Eu Mesma', role: 'agent', status: 'active', tenantId: tenantA.tenantId });
      expect(Date.parse(mine.body.lastLoginAt)).not.toBeNaN();
      const [stored] = await queryDb<{ last_login_at: Date }>(db.url, `SELECT last_login_at FROM staff_users WHERE id = $1`, [agent.id]);
      expect(new Date(mine.body.lastLoginAt).getTime()).toBe(stored.last_login_at.getTime());

      const root = await logIn(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      const rootView = await me(root.body.accessToken);
      expect(rootView.body).toMatchObject({ email: PLATFORM_ADMIN.email, role: 'platform_admin', tenantId: null });
      expect((await call(app.url, 'GET', '/api/v1/auth/me')).status).toBe(401);
    });
  });

  describe('an admin cannot lock the tenant out', () => {
    it('refuses an admin disabling, deleting or demoting themself (409), but lets them rename themself', async () => {
      const selfId = await idOf(tenantA.adminEmail);
      const attempts = [
        await call(app.url, 'POST', `/api/v1/staff/${selfId}/disable`, { token: tenantA.adminToken }),
        await call(app.url, 'DELETE', `/api/v1/staff/${selfId}`, { token: tenantA.adminToken }),
        await call(app.url, 'PATCH', `/api/v1/staff/${selfId}`, { token: tenantA.adminToken, json: { role: 'agent' } }),
      ];

      expect(attempts.map((a) => [a.status, a.body.code])).toEqual(attempts.map(() => [409, 'IDENTITY.OWN_ACCOUNT_LOCKOUT']));
      const [row] = await queryDb<{ role: string; disabled_at: Date | null }>(db.url, `SELECT role, disabled_at FROM staff_users WHERE id = $1`, [selfId]);
      expect(row).toEqual({ role: 'tenant_admin', disabled_at: null });
      const renamed = await call(app.url, 'PATCH', `/api/v1/staff/${selfId}`, { token: tenantA.adminToken, json: { name: 'Dona da Loja' } });
      expect(renamed.status).toBe(200);
    });

    it('keeps one active admin when the only two disable each other at the same moment: one wins, the other gets 409', async () => {
      const shop = await newTenant(app.url, 'Disputa');
      const first = await idOf(shop.adminEmail);
      const second = await newStaff(shop.adminToken, 'tenant_admin');

      // Hold both admins' rows so that both requests are past the guard and waiting on the lock before either decides.
      const holder = new Client({ connectionString: db.url });
      await holder.connect();
      let results: HttpResult[];
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT id FROM staff_users WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[first, second.id]]);
        const racing = Promise.all([
          call(app.url, 'POST', `/api/v1/staff/${second.id}/disable`, { token: shop.adminToken }),
          call(app.url, 'POST', `/api/v1/staff/${first}/disable`, { token: second.accessToken }),
        ]);
        await eventually(async () => {
          const [{ waiting }] = await queryDb<{ waiting: number }>(db.url, `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db.name]);
          return waiting >= 2;
        }, 'both disable requests waiting on the admins lock');
        await holder.query('COMMIT');
        results = await racing;
      } finally {
        await holder.end();
      }

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('IDENTITY.LAST_ACTIVE_ADMIN');
      const active = await queryDb(db.url, `SELECT id FROM staff_users WHERE tenant_id = $1 AND role = 'tenant_admin' AND disabled_at IS NULL`, [shop.tenantId]);
      expect(active).toHaveLength(1);
    });
  });

  describe('revocation takes effect at once', () => {
    it("refuses a disabled user's existing access token (401) at once, kills their refresh token, and lets them in again only once enabled", async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');
      expect((await me(agent.accessToken)).status).toBe(200);

      expect((await call(app.url, 'POST', `/api/v1/staff/${agent.id}/disable`, { token: tenantA.adminToken })).status).toBe(200);

      expect((await me(agent.accessToken)).status).toBe(401);
      expect((await call(app.url, 'GET', '/api/v1/conversations', { token: agent.accessToken })).status).toBe(401);
      expect((await refresh(agent.refreshToken)).status).toBe(401);
      const live = await queryDb(db.url, `SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, [agent.id]);
      expect(live).toEqual([]);
      expect((await logIn(app.url, agent.email, STAFF_PASSWORD)).status).toBe(401);

      await call(app.url, 'POST', `/api/v1/staff/${agent.id}/enable`, { token: tenantA.adminToken });
      expect((await refresh(agent.refreshToken)).status).toBe(401);
      const again = await logIn(app.url, agent.email, STAFF_PASSWORD);
      expect(again.status).toBe(200);
      expect((await me(again.body.accessToken)).status).toBe(200);
    });

    it('ends the sessions of a user whose password changes: the refresh token dies and only the new password logs in', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');

      expect((await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { password: 'nova-senha-2025' } })).status).toBe(200);

      expect((await refresh(agent.refreshToken)).status).toBe(401);
      expect((await logIn(app.url, agent.email, STAFF_PASSWORD)).status).toBe(401);
      expect((await logIn(app.url, agent.email, 'nova-senha-2025')).status).toBe(200);
    });

    it('ends the sessions of a user whose role changes: their old access token and refresh token are refused', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');

      const promoted = await call(app.url, 'PATCH', `/api/v1/staff/${agent.id}`, { token: tenantA.adminToken, json: { role: 'tenant_admin' } });
      expect(promoted.body.role).toBe('tenant_admin');

      expect((await me(agent.accessToken)).status).toBe(401);
      expect((await refresh(agent.refreshToken)).status).toBe(401);
      const fresh = await logIn(app.url, agent.email, STAFF_PASSWORD);
      expect((await call(app.url, 'GET', '/api/v1/staff', { token: fresh.body.accessToken })).status).toBe(200);
    });

    it("refuses the tokens of a suspended tenant's staff (401) and their logins, with the answer of a wrong password", async () => {
      const shop = await newTenant(app.url, 'Suspensa');
      const agent = await newStaff(shop.adminToken, 'agent');
      const adminSession = await logIn(app.url, shop.adminEmail, TENANT_ADMIN_PASSWORD);

      await queryDb(db.url, `UPDATE tenants SET status = 'suspended', suspended_at = now() WHERE id = $1`, [shop.tenantId]);

      expect((await me(agent.accessToken)).status).toBe(401);
      expect((await call(app.url, 'GET', '/api/v1/staff', { token: shop.adminToken })).status).toBe(401);
      expect((await refresh(agent.refreshToken)).status).toBe(401);
      expect((await refresh(adminSession.body.refreshToken)).status).toBe(401);
      const login = await logIn(app.url, agent.email, STAFF_PASSWORD);
      const wrong = await logIn(app.url, tenantA.adminEmail, WRONG_PASSWORD);
      expect(login.status).toBe(401);
      expect(login.body).toEqual(wrong.body);
      expect((await me(tenantA.adminToken)).status).toBe(200);
    });

    it("logs out: the refresh token's whole family is revoked, and an unknown token still gets 204", async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');
      const rotated = await refresh(agent.refreshToken);
      expect(rotated.status).toBe(200);

      const out = await call(app.url, 'POST', '/api/v1/auth/logout', { json: { refreshToken: agent.refreshToken } });
      expect(out.status).toBe(204);
      expect(out.text).toBe('');
      expect((await refresh(rotated.body.refreshToken)).status).toBe(401);

      const unknown = await call(app.url, 'POST', '/api/v1/auth/logout', { json: { refreshToken: randomBytes(32).toString('base64url') } });
      expect(unknown.status).toBe(204);
      expect((await call(app.url, 'POST', '/api/v1/auth/logout', { json: {} })).status).toBe(400);
    });
  });

  describe('login throttling', () => {
    const attempts = async (email: string, passwords: string[], address: string) => {
      const results: HttpResult[] = [];
      for (const password of passwords) results.push(await logIn(app.url, email, password, address));
      return results;
    };
    const wrong = (n: number) => Array.from({ length: n }, () => WRONG_PASSWORD);

    it('refuses the 10th failed login and an 11th with the right password (429, Retry-After), the same for an unknown e-mail, and leaves another account alone', async () => {
      const victim = await newStaff(tenantA.adminToken, 'agent', { address: '203.0.113.10' });
      const bystander = await newStaff(tenantA.adminToken, 'agent', { address: '203.0.113.10' });

      const known = await attempts(victim.email, [...wrong(10), STAFF_PASSWORD], '203.0.113.10');
      const unknown = await attempts(uniqueEmail('nobody'), [...wrong(10), STAFF_PASSWORD], '203.0.113.11');

      for (const results of [known, unknown]) {
        expect(results.map((r) => r.status)).toEqual([...Array(9).fill(401), 429, 429]);
        expect(new Set(results.slice(0, 9).map((r) => r.text)).size).toBe(1);
        for (const refused of results.slice(9)) {
          expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String), code: 'IDENTITY.LOGIN_THROTTLED' });
          const retryAfter = Number(refused.headers.get('retry-after'));
          expect(Number.isInteger(retryAfter)).toBe(true);
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        }
      }
      expect(unknown[0].text).toBe(known[0].text);
      expect((await logIn(app.url, bystander.email, STAFF_PASSWORD, '203.0.113.10')).status).toBe(200);
    });

    it('keys the account count on the SHA-256 of the lower-cased e-mail, never the e-mail itself', async () => {
      const email = uniqueEmail('keyed');
      await logIn(app.url, email.toUpperCase(), WRONG_PASSWORD, '203.0.113.14');

      const client = new Redis(REDIS_TEST_URL);
      try {
        const keys = await client.keys(`${redis.prefix}:login:*`);
        expect(keys).toContain(`${redis.prefix}:login:account:${createHash('sha256').update(email).digest('hex')}`);
        expect(keys.filter((key) => key.includes('@'))).toEqual([]);
        const ttl = await client.pttl(`${redis.prefix}:login:account:${createHash('sha256').update(email).digest('hex')}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
      } finally {
        client.disconnect();
      }
    });

    it('starts an account again from zero after a successful login that followed 3 failures', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent', { address: '203.0.113.12' });

      const before = await attempts(agent.email, [...wrong(3), STAFF_PASSWORD], '203.0.113.12');
      expect(before.map((r) => r.status)).toEqual([401, 401, 401, 200]);

      // Without the reset, the 7th of these would be the 10th failure and get 429.
      const after = await attempts(agent.email, wrong(10), '203.0.113.12');
      expect(after.map((r) => r.status)).toEqual([...Array(9).fill(401), 429]);
    });

    it('counts the address the trusted proxy saw, not the entries a client put before it in X-Forwarded-For', async () => {
      const failures: number[] = [];
      for (let i = 0; i < 50; i++) failures.push((await logIn(app.url, uniqueEmail(`forged${i}`), WRONG_PASSWORD, `198.51.100.${i + 1}, 203.0.113.16`)).status);
      expect(failures).toEqual(Array(50).fill(401));

      expect((await logIn(app.url, uniqueEmail('forged'), WRONG_PASSWORD, '198.51.100.99, 203.0.113.16')).status).toBe(429);
      expect((await logIn(app.url, uniqueEmail('other'), WRONG_PASSWORD, '203.0.113.17')).status).toBe(401);
    });

    it('refuses an address after 50 failed logins in the window, even for a real account with its password, and not another address', async () => {
      const agent = await newStaff(tenantA.adminToken, 'agent');
      const failures: number[] = [];
      for (let i = 0; i < 50; i++) failures.push((await logIn(app.url, uniqueEmail(`spray${i}`), WRONG_PASSWORD, '203.0.113.13')).status);
      expect(failures).toEqual(Array(50).fill(401));

      const refused = await logIn(app.url, agent.email, STAFF_PASSWORD, '203.0.113.13');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('IDENTITY.LOGIN_THROTTLED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await logIn(app.url, agent.email, STAFF_PASSWORD, '203.0.113.15')).status).toBe(200);
    });
  });

  describe('without TRUST_PROXY', () => {
    const directRedis = testRedis('staff-direct');
    let direct: TestApp;

    beforeAll(async () => {
      direct = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis: directRedis }));
    });

    afterAll(async () => {
      await direct?.close();
      await directRedis.cleanup();
    });

    it('ignores X-Forwarded-For: 60 failed logins, each claiming a new address, are refused after the 50th', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await logIn(direct.url, uniqueEmail(`bypass${i}`), WRONG_PASSWORD, `192.0.2.${i + 1}`)).status);
      expect(statuses).toEqual([...Array(50).fill(401), ...Array(10).fill(429)]);
    });
  });
});
