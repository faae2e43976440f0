import { Logger } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import type { NewAuditEvent } from '../domain/audit-event';
import type { StaffUser } from '../domain/staff-user';
import { AuditTrail } from './audit-trail';
import type { AuditEventRepository } from './ports/audit-event.repository.port';
import type { StaffUserRepository } from './ports/staff-user.repository.port';
import { strict } from '@test/support/strict-fake';

const TENANT = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const NUMBER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ADMIN: Principal = { userId: '5b8f0c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', tenantId: TENANT, role: 'tenant_admin' };
const ACCOUNT: StaffUser = { id: ADMIN.userId, tenantId: TENANT, email: 'admin@loja.test', passwordHash: '$argon2id$hash', role: 'tenant_admin', disabledAt: null };

function build(options: { append?: () => Promise<void>; accounts?: StaffUser[]; lookupFails?: boolean } = {}) {
  const appended: NewAuditEvent[] = [];
  const lookups: string[] = [];
  const events = strict<AuditEventRepository>('AuditEventRepository', {
    append: async (event: NewAuditEvent) => {
      if (options.append) await options.append();
      appended.push(event);
    },
  });
  const staff = strict<StaffUserRepository>('StaffUserRepository', {
    findByEmail: async (email: string) => {
      lookups.push(email);
      if (options.lookupFails) throw new Error('database unavailable');
      return (options.accounts ?? [ACCOUNT]).find((a) => a.email === email) ?? null;
    },
  });
  /** What ran in which transaction, and whether it committed: appends made inside are marked with it. */
  const transactions: { scope: string; committed: boolean; appended: number }[] = [];
  const inTransaction = async <T>(scope: string, work: () => Promise<T>): Promise<T> => {
    const tx = { scope, committed: false, appended: 0 };
    transactions.push(tx);
    const before = appended.length;
    const result = await work();
    tx.committed = true;
    tx.appended = appended.length - before;
    return result;
  };
  const tx = strict<TenantTransaction>('TenantTransaction', {
    run: (tenantId: string, work: () => Promise<unknown>) => inTransaction(`tenant:${tenantId}`, work),
    runAsPlatform: (work: () => Promise<unknown>) => inTransaction('platform', work),
  });
  return { trail: new AuditTrail(events, staff, tx), appended, lookups, transactions };
}

describe('AuditTrail', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('records who did what to which resource in which tenant, from where, with the body redacted', async () => {
    const { trail, appended } = build();

    await trail.recordRequest({
      principal: ADMIN,
      method: 'PATCH',
      routeTemplate: '/api/v1/whatsapp-numbers/:id',
      params: { id: NUMBER },
      requestBody: { twilioAuthToken: 'fedcba9876543210fedcba9876543210', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef' },
      responseBody: { id: NUMBER },
      ip: '203.0.113.7',
      correlationId: 'corr-1',
    });

    expect(appended).toEqual([
      {
        tenantId: TENANT,
        actorId: ADMIN.userId,
        actorRole: 'tenant_admin',
        action: 'PATCH /api/v1/whatsapp-numbers/:id',
        targetType: 'whatsapp-numbers',
        targetId: NUMBER,
        details: { twilioAuthToken: '[redacted]', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef' },
        ip: '203.0.113.7',
        correlationId: 'corr-1',
      },
    ]);
  });

  it("records a platform admin's action on one tenant in that tenant's log", async () => {
    const { trail, appended } = build();
    const root: Principal = { userId: 'root-id', tenantId: null, role: 'platform_admin' };

    await trail.recordRequest({ principal: root, method: 'POST', routeTemplate: '/api/v1/tenants/:id/suspend', params: { id: TENANT }, requestBody: {}, responseBody: undefined, ip: null, correlationId: null });
    await trail.recordRequest({ principal: root, method: 'POST', routeTemplate: '/api/v1/tenants', params: {}, requestBody: { name: 'Loja', admin: { password: 'p4ssword-123' } }, responseBody: { id: TENANT }, ip: null, correlationId: null });

    expect(appended.map((e) => [e.tenantId, e.action, e.targetId])).toEqual([
      [TENANT, 'POST /api/v1/tenants/:id/suspend', TENANT],
      [null, 'POST /api/v1/tenants', TENANT],
    ]);
    expect(appended[1].details).toEqual({ name: 'Loja', admin: { password: '[redacted]' } });
  });

  it("runs a write in its actor's transaction and appends its event there, before the commit", async () => {
    const { trail, appended, transactions } = build();
    const root: Principal = { userId: 'root-id', tenantId: null, role: 'platform_admin' };
    const request = { method: 'PATCH', routeTemplate: '/api/v1/staff/:id', params: { id: NUMBER }, requestBody: { role: 'tenant_admin' }, ip: null, correlationId: null };

    await expect(trail.recordWrite({ ...request, principal: ADMIN }, async () => ({ id: NUMBER }))).resolves.toEqual({ id: NUMBER });
    await trail.recordWrite({ ...request, principal: root, method: 'POST', routeTemplate: '/api/v1/tenants/:id/suspend', params: { id: TENANT } }, async () => undefined);

    await trail.recordWrite({ ...request, principal: root, method: 'POST', routeTemplate: '/api/v1/plans', params: {} }, async () => undefined);

    expect(transactions).toEqual([
      { scope: `tenant:${TENANT}`, committed: true, appended: 1 },
      // A platform admin's action on one tenant runs in that tenant's scope, where its repository calls are.
      { scope: `tenant:${TENANT}`, committed: true, appended: 1 },
      { scope: 'platform', committed: true, appended: 1 },
    ]);
    expect(appended.map((e) => [e.tenantId, e.action])).toEqual([
      [TENANT, 'PATCH /api/v1/staff/:id'],
      [TENANT, 'POST /api/v1/tenants/:id/suspend'],
      [null, 'POST /api/v1/plans'],
    ]);
  });

  it('fails the write, so that its transaction rolls back, when its audit row cannot be written', async () => {
    const { trail, appended, transactions } = build({ append: async () => Promise.reject(new Error('database unavailable')) });

    await expect(
      trail.recordWrite({ principal: ADMIN, method: 'DELETE', routeTemplate: '/api/v1/whatsapp-numbers/:id', params: { id: NUMBER }, requestBody: undefined, ip: null, correlationId: null }, async () => undefined),
    ).rejects.toThrow('database unavailable');
    expect(transactions).toEqual([{ scope: `tenant:${TENANT}`, committed: false, appended: 0 }]);
    expect(appended).toEqual([]);
  });

  it('runs a long write (a knowledge-base upload, an HTTP tool test) outside any request-wide transaction and appends its event after it', async () => {
    const { trail, appended, transactions } = build();
    const document = { id: NUMBER, title: 'FAQ' };

    const result = await trail.recordWrite(
      { principal: ADMIN, method: 'POST', routeTemplate: '/api/v1/knowledge-base/documents', params: {}, requestBody: { title: 'FAQ' }, ip: null, correlationId: null },
      async () => {
        // Nothing may be open while the document is read and embedded.
        expect(transactions).toEqual([]);
        return document;
      },
    );

    expect(result).toBe(document);
    expect(transactions).toEqual([]);
    expect(appended.map((e) => [e.action, e.targetId])).toEqual([['POST /api/v1/knowledge-base/documents', NUMBER]]);
  });

  it('appends details that PostgreSQL would refuse (a lone surrogate, a NUL byte) made storable', async () => {
    const { trail, appended } = build();

    await trail.recordWrite({ principal: ADMIN, method: 'PATCH', routeTemplate: '/api/v1/staff/:id', params: { id: NUMBER }, requestBody: { name: 'Ana\ud800\u0000', role: 'tenant_admin' }, ip: null, correlationId: null }, async () => ({ id: NUMBER }));

    expect(appended[0].details).toEqual({ name: 'Ana\ufffd', role: 'tenant_admin' });
  });

  it('records a successful login with the account as actor, in its tenant, without the password', async () => {
    const { trail, appended, lookups } = build();

    await trail.recordLogin({ email: '  Admin@Loja.TEST ', failure: null, ip: '203.0.113.7', correlationId: 'corr-2' });

    expect(lookups).toEqual(['admin@loja.test']);
    expect(appended).toEqual([
      {
        tenantId: TENANT,
        actorId: ACCOUNT.id,
        actorRole: 'tenant_admin',
        action: 'auth.login',
        targetType: 'staff',
        targetId: ACCOUNT.id,
        details: { email: 'admin@loja.test' },
        ip: '203.0.113.7',
        correlationId: 'corr-2',
      },
    ]);
  });

  it("records a failed login on a known account in that account's tenant, with the reason and no actor", async () => {
    const { trail, appended } = build();

    await trail.recordLogin({ email: 'admin@loja.test', failure: 'IDENTITY.INVALID_CREDENTIALS', ip: '198.51.100.9', correlationId: null });

    expect(appended).toEqual([
      expect.objectContaining({
        tenantId: TENANT,
        actorId: null,
        actorRole: null,
        action: 'auth.login_failed',
        targetId: ACCOUNT.id,
        details: { email: 'admin@loja.test', reason: 'IDENTITY.INVALID_CREDENTIALS' },
      }),
    ]);
  });

  it('records a failed login on an unknown e-mail as a platform event', async () => {
    const { trail, appended } = build();

    await trail.recordLogin({ email: 'nobody@loja.test', failure: 'IDENTITY.INVALID_CREDENTIALS', ip: null, correlationId: null });

    expect(appended).toEqual([expect.objectContaining({ tenantId: null, actorId: null, targetId: null, action: 'auth.login_failed' })]);
  });

  it('never fails the caller when the account lookup fails, and records nothing', async () => {
    const { trail, appended } = build({ lookupFails: true });

    await expect(trail.recordLogin({ email: 'admin@loja.test', failure: null, ip: null, correlationId: null })).resolves.toBeUndefined();
    expect(appended).toEqual([]);
  });
});
