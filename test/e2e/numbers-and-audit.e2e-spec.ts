import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import Queue from 'bull';
import { QUEUES } from '../../src/core/queue/queue-names';
import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('numbers_audit');
const TENANT_ADMIN_PASSWORD = 'tenant-admin-password-1';
const UNKNOWN_ID = '7d1f3c2a-0000-4000-8000-000000000000';

const randomPhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const randomSid = () => `AC${randomBytes(16).toString('hex')}`;
const randomToken = () => randomBytes(16).toString('hex');
/** The user id inside an access token (the JWT's `sub`). */
const userIdOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

describe('WhatsApp number management and the staff audit log', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  let platformToken: string;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('numbers_audit');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url }));
    platformToken = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    a = await newTenant(app.url, 'Loja A');
    b = await newTenant(app.url, 'Loja B');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  const sentTo = (phone: string) => twilio.accepted.filter((m) => m.to === `whatsapp:${phone}`);
  const register = (token: string, json: Record<string, unknown>) => call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token, json });

  /** A staff account of the given role written straight into the database, then logged in. */
  async function agentOf(tenant: TenantFixture): Promise<string> {
    const email = `agent-${randomBytes(4).toString('hex')}@tenant.test`;
    const password = 'agent-password-123';
    await queryDb(db.url, `INSERT INTO staff_users (tenant_id, email, password_hash, role) VALUES ($1, $2, $3, 'agent')`, [
      tenant.tenantId,
      email,
      await argon2.hash(password, { type: argon2.argon2id }),
    ]);
    return login(app.url, email, password);
  }

  describe('numbers', () => {
    it("shows one number by id, active, without its token; another tenant's id and an unknown id are 404, a malformed id 400", async () => {
      const own = await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: a.adminToken });
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        id: a.number.id,
        phoneNumber: a.number.phoneNumber,
        twilioAccountSid: a.number.accountSid,
        sandbox: false,
        status: 'active',
        webhookUrl: 'https://atende.example.test/webhooks/twilio/inbound',
        statusCallbackUrl: 'https://atende.example.test/webhooks/twilio/status',
        messagingServiceSid: null,
        sendRatePerSecond: 10,
        createdAt: expect.any(String),
      });
      expect(own.text).not.toContain(a.number.authToken);

      const foreign = await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: b.adminToken });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('TWILIO.NUMBER_NOT_FOUND');
      expect((await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${UNKNOWN_ID}`, { token: a.adminToken })).status).toBe(404);
      expect((await call(app.url, 'GET', '/api/v1/whatsapp-numbers/not-a-uuid', { token: a.adminToken })).status).toBe(400);
    });

    it("lists the tenant's numbers a page at a time with total, limit and offset, never another tenant's", async () => {
      const tenant = await newTenant(app.url, 'Loja Paginada');
      for (let i = 0; i < 2; i++) expect((await register(tenant.adminToken, { phoneNumber: randomPhone(), sandbox: true })).status).toBe(201);

      const first = await call(app.url, 'GET', '/api/v1/whatsapp-numbers?limit=2&offset=0', { token: tenant.adminToken });
      const second = await call(app.url, 'GET', '/api/v1/whatsapp-numbers?limit=2&offset=2', { token: tenant.adminToken });

      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(first.body.items).toHaveLength(2);
      expect(first.body.items[0].id).toBe(tenant.number.id);
      expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
      expect(second.body.items).toHaveLength(1);
      const ids = [...first.body.items, ...second.body.items].map((n: { id: string }) => n.id);
      expect(new Set(ids).size).toBe(3);
      expect(ids).not.toContain(a.number.id);
      expect((await call(app.url, 'GET', '/api/v1/whatsapp-numbers?limit=101', { token: tenant.adminToken })).status).toBe(400);
    });

    it('rotates the auth token: never returned, stored sealed; the old token now signs a 403 and the new one a 200 that is answered with it', async () => {
      const tenant = await newTenant(app.url, 'Loja Rotação');
      const newToken = randomToken();

      const rotated = await call(app.url, 'PATCH', `/api/v1/whatsapp-numbers/${tenant.number.id}`, { token: tenant.adminToken, json: { twilioAuthToken: newToken } });

      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ id: tenant.number.id, twilioAccountSid: tenant.number.accountSid, status: 'active' });
      expect(rotated.text).not.toContain(newToken);
      const stored = await queryDb<{ sealed: string }>(db.url, `SELECT twilio_auth_token_sealed AS sealed FROM whatsapp_numbers WHERE id = $1`, [tenant.number.id]);
      expect(stored[0].sealed.startsWith('v1.')).toBe(true);
      expect(stored[0].sealed).not.toContain(newToken);

      const customer = '+5511922220001';
      const oldSigned = await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'assinada com o token antigo' }), tenant.number.authToken);
      expect(oldSigned.status).toBe(403);
      const newSigned = await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'assinada com o token novo' }), newToken);
      expect(newSigned.status).toBe(200);

      const [sent] = await eventually(() => sentTo(customer).length > 0 && sentTo(customer), 'the reply, sent with the new token');
      expect(sent.basicPassword).toBe(newToken);
      const messages = await queryDb<{ body: string }>(db.url, `SELECT body FROM messages WHERE from_address = $1`, [`whatsapp:${customer}`]);
      expect(messages.map((m) => m.body)).toEqual(['assinada com o token novo']);
    });

    it('changes the account SID of a real number, and refuses real credentials for a sandbox number with 422', async () => {
      const newSid = randomSid();
      const changed = await call(app.url, 'PATCH', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: a.adminToken, json: { twilioAccountSid: newSid } });
      expect(changed.status).toBe(200);
      expect(changed.body.twilioAccountSid).toBe(newSid);
      a.number.accountSid = newSid;

      const sandbox = await register(a.adminToken, { phoneNumber: randomPhone(), sandbox: true });
      const refused = await call(app.url, 'PATCH', `/api/v1/whatsapp-numbers/${sandbox.body.id}`, { token: a.adminToken, json: { twilioAccountSid: randomSid(), twilioAuthToken: randomToken() } });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('TWILIO.SANDBOX_CREDENTIALS');
      const after = await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${sandbox.body.id}`, { token: a.adminToken });
      expect(after.body.twilioAccountSid).toBe(sandbox.body.twilioAccountSid);

      const invalid = await call(app.url, 'PATCH', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: a.adminToken, json: { twilioAuthToken: 'short' } });
      expect(invalid.status).toBe(400);
    });

    it("answers patch, disable, enable and delete of another tenant's number with 404 and changes nothing", async () => {
      const before = await queryDb(db.url, `SELECT twilio_account_sid, twilio_auth_token_sealed, disabled_at FROM whatsapp_numbers WHERE id = $1`, [a.number.id]);
      const path = `/api/v1/whatsapp-numbers/${a.number.id}`;

      const attempts = [
        await call(app.url, 'PATCH', path, { token: b.adminToken, json: { twilioAuthToken: randomToken() } }),
        await call(app.url, 'POST', `${path}/disable`, { token: b.adminToken }),
        await call(app.url, 'POST', `${path}/enable`, { token: b.adminToken }),
        await call(app.url, 'DELETE', path, { token: b.adminToken }),
      ];

      expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
      expect(await queryDb(db.url, `SELECT twilio_account_sid, twilio_auth_token_sealed, disabled_at FROM whatsapp_numbers WHERE id = $1`, [a.number.id])).toEqual(before);
    });

    it('lets only tenant admins manage numbers: an agent and a platform admin get 403', async () => {
      const agent = await agentOf(a);
      const path = `/api/v1/whatsapp-numbers/${a.number.id}`;
      for (const token of [agent, platformToken]) {
        expect((await call(app.url, 'GET', path, { token })).status).toBe(403);
        expect((await call(app.url, 'PATCH', path, { token, json: { twilioAuthToken: randomToken() } })).status).toBe(403);
        expect((await call(app.url, 'POST', `${path}/disable`, { token })).status).toBe(403);
        expect((await call(app.url, 'DELETE', path, { token })).status).toBe(403);
      }
    });

    it("stores a disabled number's inbound messages with a 200 and no answer, and answers again once it is enabled", async () => {
      const tenant = await newTenant(app.url, 'Loja Desativada');
      const customer = '+5511922220002';

      const disabled = await call(app.url, 'POST', `/api/v1/whatsapp-numbers/${tenant.number.id}/disable`, { token: tenant.adminToken });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      const again = await call(app.url, 'POST', `/api/v1/whatsapp-numbers/${tenant.number.id}/disable`, { token: tenant.adminToken });
      expect(again.body.status).toBe('disabled');

      const form = inboundForm(tenant, { from: customer, body: 'alguém aí?' });
      const response = await postInbound(app.url, form, tenant.number.authToken);
      expect(response.status).toBe(200);
      expect(response.text).toContain('<Response/>');
      const stored = await queryDb<{ body: string; processed: boolean }>(db.url, `SELECT body, processed_at IS NOT NULL AS processed FROM messages WHERE provider_sid = $1`, [form.MessageSid]);
      expect(stored).toEqual([{ body: 'alguém aí?', processed: true }]);
      const forged = await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'forjada' }), randomToken());
      expect(forged.status).toBe(403);
      await pause(500);
      expect(sentTo(customer)).toHaveLength(0);
      const replies = await queryDb(db.url, `SELECT id FROM messages WHERE to_address = $1`, [`whatsapp:${customer}`]);
      expect(replies).toEqual([]);

      const enabled = await call(app.url, 'POST', `/api/v1/whatsapp-numbers/${tenant.number.id}/enable`, { token: tenant.adminToken });
      expect(enabled.body.status).toBe('active');
      await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'e agora?' }), tenant.number.authToken);
      await eventually(() => sentTo(customer).length === 1, 'the answer once the number is enabled');
    });

    it('fails an outbound message from a disabled number with a clear error instead of calling Twilio', async () => {
      const tenant = await newTenant(app.url, 'Loja Envio');
      const customer = '+5511922220003';
      await call(app.url, 'POST', `/api/v1/whatsapp-numbers/${tenant.number.id}/disable`, { token: tenant.adminToken });
      const [message] = await queryDb<{ id: string }>(
        db.url,
        `INSERT INTO messages (tenant_id, whatsapp_number_id, direction, author, body, from_address, to_address, status)
         VALUES ($1, $2, 'outbound', 'agent', 'Seu pedido saiu para entrega', $3, $4, 'pending') RETURNING id`,
        [tenant.tenantId, tenant.number.id, `whatsapp:${tenant.number.phoneNumber}`, `whatsapp:${customer}`],
      );
      const requestsBefore = twilio.requests.length;
      const queue = new Queue(QUEUES.sendWhatsappMessage, redis.url, { prefix: redis.prefix });
      try {
        await queue.add({ tenantId: tenant.tenantId, messageId: message.id, correlationId: 'disabled-send-test' }, { jobId: `send:${message.id}` });
      } finally {
        await queue.close();
      }

      const [failed] = await eventually(async () => {
        const rows = await queryDb<{ status: string; error_code: string; error_message: string }>(db.url, `SELECT status, error_code, error_message FROM messages WHERE id = $1`, [message.id]);
        return rows[0]?.status === 'failed' ? rows : undefined;
      }, 'the failure recorded on the message');
      expect(failed).toEqual({ status: 'failed', error_code: 'NUMBER_DISABLED', error_message: expect.stringContaining('disabled') });
      expect(twilio.requests.length).toBe(requestsBefore);
      expect(sentTo(customer)).toHaveLength(0);
    });

    it('deletes a number without conversations (204, then 404) and refuses one with conversations with 409, telling to disable it', async () => {
      const spare = await register(a.adminToken, { phoneNumber: randomPhone(), twilioAccountSid: randomSid(), twilioAuthToken: randomToken() });
      const deleted = await call(app.url, 'DELETE', `/api/v1/whatsapp-numbers/${spare.body.id}`, { token: a.adminToken });
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${spare.body.id}`, { token: a.adminToken })).status).toBe(404);
      expect((await call(app.url, 'DELETE', `/api/v1/whatsapp-numbers/${spare.body.id}`, { token: a.adminToken })).status).toBe(404);

      const customer = '+5511922220004';
      await postInbound(app.url, inboundForm(a, { from: customer, body: 'Oi!' }), a.number.authToken);
      await eventually(() => sentTo(customer).length === 1, 'a conversation on the number');
      const refused = await call(app.url, 'DELETE', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: a.adminToken });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('TWILIO.NUMBER_HAS_CONVERSATIONS');
      expect(refused.body.message).toMatch(/disable it instead/);
      const kept = await queryDb(db.url, `SELECT id FROM conversations WHERE whatsapp_number_id = $1`, [a.number.id]);
      expect(kept.length).toBeGreaterThan(0);
      expect((await call(app.url, 'GET', `/api/v1/whatsapp-numbers/${a.number.id}`, { token: a.adminToken })).status).toBe(200);
    });

    it('still refuses with 409 a number another tenant holds', async () => {
      const taken = await register(b.adminToken, { phoneNumber: a.number.phoneNumber, twilioAccountSid: randomSid(), twilioAuthToken: randomToken() });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('TWILIO.NUMBER_TAKEN');
    });
  });

  describe('audit log', () => {
    type Event = { id: string; tenantId: string | null; actorId: string | null; actorRole: string | null; action: string; targetType: string | null; targetId: string | null; details: Record<string, unknown>; ip: string | null; correlationId: string | null; createdAt: string };

    const events = (token: string, query = '') => call<{ items: Event[]; total: number; limit: number; offset: number }>(app.url, 'GET', `/api/v1/audit-events?limit=100${query}`, { token });
    /** Audit rows are written just after each response: wait until the expected number is there. */
    const eventuallyEvents = (token: string, count: number, query = '') =>
      eventually(async () => {
        const result = await events(token, query);
        return result.body.total >= count ? result : undefined;
      }, `${count} audit events`);

    let c: TenantFixture;
    let adminId: string;
    let sandboxId: string;
    const rotatedToken = randomToken();
    const ENABLE_CORRELATION_ID = 'audit-enable-0123456789';

    beforeAll(async () => {
      c = await newTenant(app.url, 'Loja Auditada');
      adminId = userIdOf(c.adminToken);
      const path = `/api/v1/whatsapp-numbers/${c.number.id}`;
      expect((await call(app.url, 'PATCH', path, { token: c.adminToken, json: { twilioAuthToken: rotatedToken } })).status).toBe(200);
      expect((await call(app.url, 'POST', `${path}/disable`, { token: c.adminToken })).status).toBe(200);
      const enable = await fetch(`${app.url}${path}/enable`, { method: 'POST', headers: { authorization: `Bearer ${c.adminToken}`, 'x-correlation-id': ENABLE_CORRELATION_ID } });
      expect(enable.status).toBe(200);
      const sandbox = await register(c.adminToken, { phoneNumber: randomPhone(), sandbox: true });
      sandboxId = sandbox.body.id;
      expect((await call(app.url, 'DELETE', `/api/v1/whatsapp-numbers/${sandboxId}`, { token: c.adminToken })).status).toBe(204);
      // Refused and read-only requests are not staff actions that happened: they leave no event.
      expect((await call(app.url, 'GET', path, { token: c.adminToken })).status).toBe(200);
      expect((await call(app.url, 'DELETE', `/api/v1/whatsapp-numbers/${UNKNOWN_ID}`, { token: c.adminToken })).status).toBe(404);
      expect((await call(app.url, 'PATCH', path, { token: c.adminToken, json: { twilioAuthToken: 'short' } })).status).toBe(400);
    });

    it("shows the tenant admin exactly their tenant's actions: who, which route template, on what, from where, newest first", async () => {
      const list = await eventuallyEvents(c.adminToken, 7);

      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 7, limit: 100, offset: 0 });
      const summary = list.body.items.map((e) => [e.action, e.targetId]);
      expect(summary.sort()).toEqual(
        [
          ['auth.login', adminId],
          ['POST /api/v1/whatsapp-numbers', c.number.id],
          ['PATCH /api/v1/whatsapp-numbers/:id', c.number.id],
          ['POST /api/v1/whatsapp-numbers/:id/disable', c.number.id],
          ['POST /api/v1/whatsapp-numbers/:id/enable', c.number.id],
          ['POST /api/v1/whatsapp-numbers', sandboxId],
          ['DELETE /api/v1/whatsapp-numbers/:id', sandboxId],
        ].sort(),
      );
      for (const event of list.body.items) {
        expect(event).toMatchObject({ tenantId: c.tenantId, actorId: adminId, actorRole: 'tenant_admin', ip: expect.any(String), correlationId: expect.any(String) });
      }
      expect(list.body.items.find((e) => e.action.endsWith('/enable'))?.correlationId).toBe(ENABLE_CORRELATION_ID);
      const numberEvents = list.body.items.filter((e) => e.action !== 'auth.login');
      expect(numberEvents.every((e) => e.targetType === 'whatsapp-numbers')).toBe(true);
      const times = list.body.items.map((e) => Date.parse(e.createdAt));
      expect(times).toEqual([...times].sort((x, y) => y - x));
    });

    it('keeps the request body with every secret redacted, and no token or password anywhere in the stored rows', async () => {
      const list = await eventuallyEvents(c.adminToken, 7);
      const created = list.body.items.find((e) => e.action === 'POST /api/v1/whatsapp-numbers' && e.targetId === c.number.id)!;
      expect(created.details).toEqual({ phoneNumber: c.number.phoneNumber, twilioAccountSid: c.number.accountSid, twilioAuthToken: '[redacted]' });
      const patched = list.body.items.find((e) => e.action === 'PATCH /api/v1/whatsapp-numbers/:id')!;
      expect(patched.details).toEqual({ twilioAuthToken: '[redacted]' });

      const rows = await queryDb(db.url, `SELECT * FROM audit_events`);
      const everything = JSON.stringify(rows);
      for (const secret of [c.number.authToken, rotatedToken, a.number.authToken, TENANT_ADMIN_PASSWORD, PLATFORM_ADMIN.password]) {
        expect(everything).not.toContain(secret);
      }
    });

    it('filters by action prefix and by actor', async () => {
      await eventuallyEvents(c.adminToken, 7);

      const toggles = await events(c.adminToken, `&action=${encodeURIComponent('POST /api/v1/whatsapp-numbers/:id/')}`);
      expect(toggles.body.items.map((e) => e.action).sort()).toEqual(['POST /api/v1/whatsapp-numbers/:id/disable', 'POST /api/v1/whatsapp-numbers/:id/enable']);
      const logins = await events(c.adminToken, '&action=auth.');
      expect(logins.body.items.map((e) => e.action)).toEqual(['auth.login']);
      expect((await events(c.adminToken, `&actorId=${adminId}`)).body.total).toBe(7);
      expect((await events(c.adminToken, `&actorId=${UNKNOWN_ID}`)).body).toMatchObject({ items: [], total: 0 });
      expect((await events(c.adminToken, '&actorId=not-a-uuid')).status).toBe(400);
    });

    it("never shows one tenant's events to another tenant's admin, who may not ask for them either", async () => {
      const list = await events(b.adminToken);
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((e) => e.tenantId === b.tenantId)).toBe(true);
      expect(list.body.items.map((e) => e.targetId)).not.toContain(c.number.id);

      const asked = await events(b.adminToken, `&tenantId=${c.tenantId}`);
      expect(asked.status).toBe(403);
      expect((asked.body as unknown as { code: string }).code).toBe('IDENTITY.AUDIT_TENANT_FILTER_FORBIDDEN');
    });

    it("lets the platform admin read every tenant's events, one tenant's with ?tenantId=, and its own platform actions", async () => {
      const ofC = await events(platformToken, `&tenantId=${c.tenantId}`);
      expect(ofC.status).toBe(200);
      expect(ofC.body.total).toBe(7);
      expect(ofC.body.items.every((e) => e.tenantId === c.tenantId)).toBe(true);

      const created = await eventually(async () => {
        const all = await events(platformToken, `&action=${encodeURIComponent('POST /api/v1/tenants')}`);
        return all.body.items.length >= 5 ? all : undefined;
      }, 'the tenant creations');
      const creation = created.body.items[0];
      expect(creation).toMatchObject({ tenantId: null, actorRole: 'platform_admin', targetType: 'tenants', targetId: expect.any(String) });
      expect(creation.details).toMatchObject({ admin: { email: expect.any(String), password: '[redacted]' } });
      expect(created.body.items.map((e) => e.targetId)).toContain(c.tenantId);
    });

    it("records a failed login in the account's tenant with the reason, and never the password", async () => {
      const wrongPassword = 'wrong-password-for-audit-9';
      const refused = await call(app.url, 'POST', '/api/v1/auth/login', { json: { email: c.adminEmail, password: wrongPassword } });
      expect(refused.status).toBe(401);

      const failures = await eventually(async () => {
        const result = await events(c.adminToken, '&action=auth.login_failed');
        return result.body.total >= 1 ? result : undefined;
      }, 'the failed login');
      expect(failures.body.items).toEqual([
        expect.objectContaining({
          tenantId: c.tenantId,
          actorId: null,
          action: 'auth.login_failed',
          targetId: adminId,
          details: { email: c.adminEmail, reason: 'IDENTITY.INVALID_CREDENTIALS' },
        }),
      ]);
      expect(JSON.stringify(await queryDb(db.url, `SELECT * FROM audit_events`))).not.toContain(wrongPassword);
    });

    it('refuses the audit log to an agent (403) and to a caller without a token (401)', async () => {
      const agent = await agentOf(c);
      expect((await events(agent)).status).toBe(403);
      expect((await call(app.url, 'GET', '/api/v1/audit-events')).status).toBe(401);
    });

    describe('a write that cannot be audited does not happen', () => {
      let d: TenantFixture;

      beforeAll(async () => {
        d = await newTenant(app.url, 'Loja Atômica');
        // In this test database only: the audit insert fails for the targets listed, as a full disk or a bug would make it fail.
        await queryDb(
          db.url,
          `CREATE TABLE test_audit_refusals (target_id text PRIMARY KEY);
           CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
           BEGIN
             IF EXISTS (SELECT 1 FROM test_audit_refusals WHERE target_id = NEW.target_id) THEN RAISE EXCEPTION 'audit insert refused by the test'; END IF;
             RETURN NEW;
           END $$;
           CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();`,
        );
      });

      afterAll(async () => {
        await queryDb(db.url, `DROP TRIGGER test_refuse_audit ON audit_events; DROP FUNCTION test_refuse_audit(); DROP TABLE test_audit_refusals`);
      });

      const refuseAuditOf = (targetId: string) => queryDb(db.url, `INSERT INTO test_audit_refusals (target_id) VALUES ($1)`, [targetId]);
      const eventsOn = (targetId: string) => queryDb<{ action: string }>(db.url, `SELECT action FROM audit_events WHERE target_id = $1`, [targetId]);

      it("answers 500 and leaves the staff row as it was when the promotion's audit event cannot be inserted", async () => {
        const created = await call(app.url, 'POST', '/api/v1/staff', { token: d.adminToken, json: { email: `atomic-${randomBytes(4).toString('hex')}@tenant.test`, password: 'agent-password-123', role: 'agent', name: 'Bia' } });
        expect(created.status).toBe(201);
        await refuseAuditOf(created.body.id);

        const promoted = await call(app.url, 'PATCH', `/api/v1/staff/${created.body.id}`, { token: d.adminToken, json: { name: 'Bia Admin', role: 'tenant_admin' } });

        expect(promoted.status).toBe(500);
        expect(promoted.body).toMatchObject({ statusCode: 500 });
        expect(await queryDb(db.url, `SELECT name, role FROM staff_users WHERE id = $1`, [created.body.id])).toEqual([{ name: 'Bia', role: 'agent' }]);
        expect(await eventsOn(created.body.id)).toEqual([{ action: 'POST /api/v1/staff' }]);
      });

      it("answers 500 and leaves the tenant active when a platform admin's suspension cannot be audited", async () => {
        await refuseAuditOf(d.tenantId);

        const suspended = await call(app.url, 'POST', `/api/v1/tenants/${d.tenantId}/suspend`, { token: platformToken });

        expect(suspended.status).toBe(500);
        expect(await queryDb(db.url, `SELECT status FROM tenants WHERE id = $1`, [d.tenantId])).toEqual([{ status: 'active' }]);
        expect(await eventsOn(d.tenantId)).toEqual([{ action: 'POST /api/v1/tenants' }]);
      });

      it('has the event of a write that succeeded in the log by the time the write is answered', async () => {
        const created = await call(app.url, 'POST', '/api/v1/staff', { token: d.adminToken, json: { email: `audited-${randomBytes(4).toString('hex')}@tenant.test`, password: 'agent-password-123', role: 'agent' } });
        const promoted = await call(app.url, 'PATCH', `/api/v1/staff/${created.body.id}`, { token: d.adminToken, json: { role: 'tenant_admin' } });

        expect(promoted.status).toBe(200);
        expect((await eventsOn(created.body.id)).map((e) => e.action).sort()).toEqual(['PATCH /api/v1/staff/:id', 'POST /api/v1/staff']);
      });
    });

    it('keeps the audit table append-only for the app role', async () => {
      const [row] = await queryDb<{ id: string }>(db.url, `SELECT id FROM audit_events LIMIT 1`);
      const asApp = (sql: string) => queryDb(db.appUrl, `BEGIN; SELECT set_config('app.scope', 'platform', true); ${sql}; COMMIT`).then(
        () => 'allowed',
        (error: Error) => error.message,
      );
      expect(await asApp(`UPDATE audit_events SET action = 'tampered' WHERE id = '${row.id}'`)).toMatch(/permission denied/);
      expect(await asApp(`DELETE FROM audit_events WHERE id = '${row.id}'`)).toMatch(/permission denied/);
    });
  });
});
