import { call, login, newTenant, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('identity');

describe('identity and WhatsApp numbers through the API', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let tenant: TenantFixture;
  let platformToken: string;

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    platformToken = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenant = await newTenant(app.url);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it('ensures the platform admin from ADMIN_EMAIL with a hashed password', async () => {
    const rows = await queryDb<{ role: string; tenant_id: string | null; password_hash: string }>(
      db.url,
      `SELECT role, tenant_id, password_hash FROM staff_users WHERE email = $1`,
      [PLATFORM_ADMIN.email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('platform_admin');
    expect(rows[0].tenant_id).toBeNull();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(PLATFORM_ADMIN.password);
  });

  it('logs in with the right password only, with the same answer for an unknown e-mail', async () => {
    const ok = await call(app.url, 'POST', '/api/v1/auth/login', { json: PLATFORM_ADMIN });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });

    const wrong = await call(app.url, 'POST', '/api/v1/auth/login', { json: { ...PLATFORM_ADMIN, password: 'wrong-password-1' } });
    const unknown = await call(app.url, 'POST', '/api/v1/auth/login', { json: { email: 'nobody@tenant.test', password: 'wrong-password-1' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rotates the refresh token: the new one works once, a spent one is refused and revokes its family', async () => {
    const first = await call(app.url, 'POST', '/api/v1/auth/login', { json: PLATFORM_ADMIN });
    const second = await call(app.url, 'POST', '/api/v1/auth/refresh', { json: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);

    const reuse = await call(app.url, 'POST', '/api/v1/auth/refresh', { json: { refreshToken: first.body.refreshToken } });
    expect(reuse.status).toBe(401);
    const afterReuse = await call(app.url, 'POST', '/api/v1/auth/refresh', { json: { refreshToken: second.body.refreshToken } });
    expect(afterReuse.status).toBe(401);
  });

  it('lets only a platform admin create tenants', async () => {
    const body = { name: 'Outra Loja', admin: { email: 'outra@tenant.test', password: 'outra-password-1' } };
    expect((await call(app.url, 'POST', '/api/v1/tenants', { json: body })).status).toBe(401);
    expect((await call(app.url, 'POST', '/api/v1/tenants', { token: tenant.adminToken, json: body })).status).toBe(403);
    const created = await call(app.url, 'POST', '/api/v1/tenants', { token: platformToken, json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Outra Loja', status: 'active' });
    const again = await call(app.url, 'POST', '/api/v1/tenants', { token: platformToken, json: { ...body, name: 'Terceira' } });
    expect(again.status).toBe(409);
  });

  it('validates tenant creation with field errors and a password policy', async () => {
    const missing = await call(app.url, 'POST', '/api/v1/tenants', { token: platformToken, json: { name: '' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(missing.body.message)).toContain('admin');

    const extra = await call(app.url, 'POST', '/api/v1/tenants', { token: platformToken, json: { name: 'X', admin: { email: 'x@tenant.test', password: 'x-password-12' }, tenantId: 'hack' } });
    expect(extra.status).toBe(400);

    const weak = await call(app.url, 'POST', '/api/v1/tenants', { token: platformToken, json: { name: 'Fraca', admin: { email: 'fraca@tenant.test', password: 'short' } } });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('IDENTITY.WEAK_PASSWORD');
  });

  it('registers a number for the caller tenant, never returns the auth token, and stores it encrypted', async () => {
    const authToken = 'f'.repeat(8) + '0123456789abcdef0123';
    const created = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', {
      token: tenant.adminToken,
      json: { phoneNumber: '+5511955550000', twilioAccountSid: `AC${'a'.repeat(32)}`, twilioAuthToken: authToken },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phoneNumber: '+5511955550000', sandbox: false, webhookUrl: 'https://atende.example.test/webhooks/twilio/inbound' });
    expect(JSON.stringify(created.body)).not.toContain(authToken);
    const listed = await call(app.url, 'GET', '/api/v1/whatsapp-numbers', { token: tenant.adminToken });
    expect(JSON.stringify(listed.body)).not.toContain(authToken);

    const rows = await queryDb<{ tenant_id: string; twilio_auth_token_sealed: string }>(db.url, `SELECT tenant_id, twilio_auth_token_sealed FROM whatsapp_numbers WHERE phone_number = $1`, ['+5511955550000']);
    expect(rows[0].tenant_id).toBe(tenant.tenantId);
    expect(rows[0].twilio_auth_token_sealed).not.toContain(authToken);
    expect(rows[0].twilio_auth_token_sealed.startsWith('v1.')).toBe(true);
  });

  it('refuses a number another tenant holds with 409, bad input with 400/422, and non-admins with 403', async () => {
    const other = await newTenant(app.url);
    const taken = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', {
      token: other.adminToken,
      json: { phoneNumber: tenant.number.phoneNumber, twilioAccountSid: `AC${'b'.repeat(32)}`, twilioAuthToken: 'b'.repeat(32) },
    });
    expect(taken.status).toBe(409);

    const badPhone = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token: tenant.adminToken, json: { phoneNumber: '11 5555-0000', twilioAccountSid: `AC${'c'.repeat(32)}`, twilioAuthToken: 'c'.repeat(32) } });
    expect(badPhone.status).toBe(400);
    const noCredentials = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token: tenant.adminToken, json: { phoneNumber: '+5511955550001' } });
    expect(noCredentials.status).toBe(422);

    const asPlatform = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token: platformToken, json: { phoneNumber: '+5511955550002', sandbox: true } });
    expect(asPlatform.status).toBe(403);
    const conversationsAsPlatform = await call(app.url, 'GET', '/api/v1/conversations', { token: platformToken });
    expect(conversationsAsPlatform.status).toBe(403);
  });

  it('answers a malformed conversation id with 400 and an unknown one with 404', async () => {
    expect((await call(app.url, 'GET', '/api/v1/conversations/not-a-uuid', { token: tenant.adminToken })).status).toBe(400);
    expect((await call(app.url, 'GET', '/api/v1/conversations/7d1f3c2a-0000-4000-8000-000000000000/messages', { token: tenant.adminToken })).status).toBe(404);
    expect((await call(app.url, 'GET', '/api/v1/conversations?limit=1000', { token: tenant.adminToken })).status).toBe(400);
  });
});
