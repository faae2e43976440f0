import type { Principal } from '@core/auth/principal';
import { AuditTenantFilterForbiddenError } from '../domain/audit-event';
import { AuditEventQueries } from './audit-event-queries';
import type { AuditEventFilter, AuditEventRepository } from './ports/audit-event.repository.port';
import { strict } from '@test/support/strict-fake';

const TENANT_A = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const TENANT_B = '9d4c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
const ADMIN_A: Principal = { userId: 'admin-a', tenantId: TENANT_A, role: 'tenant_admin' };
const ROOT: Principal = { userId: 'root', tenantId: null, role: 'platform_admin' };
const EMPTY = { items: [], total: 0 };

function build() {
  const calls: [string, ...unknown[]][] = [];
  const repository = strict<AuditEventRepository>('AuditEventRepository', {
    listForTenant: async (tenantId: string, filter: AuditEventFilter) => {
      calls.push(['listForTenant', tenantId, filter]);
      return EMPTY;
    },
    listAcrossTenants: async (filter: AuditEventFilter) => {
      calls.push(['listAcrossTenants', filter]);
      return EMPTY;
    },
  });
  return { queries: new AuditEventQueries(repository), calls };
}

describe('AuditEventQueries', () => {
  it("reads only the tenant admin's own tenant, with the filters given", async () => {
    const { queries, calls } = build();

    await queries.list(ADMIN_A, { action: 'PATCH ', actorId: 'someone', limit: 10, offset: 5 });

    expect(calls).toEqual([['listForTenant', TENANT_A, { action: 'PATCH ', actorId: 'someone', limit: 10, offset: 5 }]]);
  });

  it('lets a tenant admin name their own tenant', async () => {
    const { queries, calls } = build();

    await queries.list(ADMIN_A, { tenantId: TENANT_A, limit: 20, offset: 0 });

    expect(calls).toEqual([['listForTenant', TENANT_A, { limit: 20, offset: 0 }]]);
  });

  it('refuses a tenant admin naming another tenant, reading nothing', async () => {
    const { queries, calls } = build();

    await expect(queries.list(ADMIN_A, { tenantId: TENANT_B, limit: 20, offset: 0 })).rejects.toBeInstanceOf(AuditTenantFilterForbiddenError);
    expect(calls).toEqual([]);
  });

  it('reads across tenants for a platform admin, or one tenant when named', async () => {
    const { queries, calls } = build();

    await queries.list(ROOT, { limit: 20, offset: 0 });
    await queries.list(ROOT, { tenantId: TENANT_B, limit: 20, offset: 0 });

    expect(calls).toEqual([
      ['listAcrossTenants', { limit: 20, offset: 0 }],
      ['listAcrossTenants', { tenantId: TENANT_B, limit: 20, offset: 0 }],
    ]);
  });
});
