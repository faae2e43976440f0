import type { TenantDetails } from '../domain/tenant';
import type { Plan } from '../domain/plan';
import { OverrideFeatureFlag } from './override-feature-flag.use-case';
import type { FeatureFlagOverrideRepository } from './ports/feature-flag-override.repository.port';
import type { SubscriptionRepository } from './ports/subscription.repository.port';
import type { TenantCatalogue } from './ports/tenant-catalogue.port';
import { strict } from '@test/support/strict-fake';

const TENANT: TenantDetails = { id: 'tenant-1', name: 'Loja', status: 'active', createdAt: new Date('2025-01-01T00:00:00Z'), suspendedAt: null, planCode: 'starter' };
const PLAN: Plan = {
  id: 'plan-starter',
  code: 'starter',
  name: 'Starter',
  aiRepliesPerMonth: 2000,
  kbMaxBytes: null,
  maxSpecialists: 3,
  allowedTools: [],
  features: { knowledge_base: true },
  isDefault: true,
};

function build(tenants: TenantDetails[] = [TENANT]) {
  const writes: unknown[][] = [];
  const useCase = new OverrideFeatureFlag(
    strict<TenantCatalogue>('TenantCatalogue', { find: async (id: string) => tenants.find((t) => t.id === id) ?? null }),
    strict<FeatureFlagOverrideRepository>('FeatureFlagOverrideRepository', {
      set: async (tenantId: string, flag: string, enabled: boolean) => void writes.push(['set', tenantId, flag, enabled]),
      remove: async (tenantId: string, flag: string) => void writes.push(['remove', tenantId, flag]),
    }),
    strict<SubscriptionRepository>('SubscriptionRepository', { planOf: async () => PLAN }),
  );
  return { useCase, writes };
}

describe('OverrideFeatureFlag', () => {
  it('stores the override and answers with the flag as it now resolves', async () => {
    const { useCase, writes } = build();
    await expect(useCase.execute('tenant-1', 'knowledge_base', false)).resolves.toEqual({ flag: 'knowledge_base', enabled: false, overridden: true, planValue: true });
    expect(writes).toEqual([['set', 'tenant-1', 'knowledge_base', false]]);
  });

  it("clears the override and falls back to the plan's value", async () => {
    const { useCase, writes } = build();
    await expect(useCase.execute('tenant-1', 'knowledge_base', null)).resolves.toEqual({ flag: 'knowledge_base', enabled: true, overridden: false, planValue: true });
    expect(writes).toEqual([['remove', 'tenant-1', 'knowledge_base']]);
  });

  it('refuses a flag name that is not lower_snake_case before touching anything', async () => {
    const { useCase, writes } = build();
    await expect(useCase.execute('tenant-1', 'Knowledge-Base', true)).rejects.toMatchObject({ code: 'IDENTITY.INVALID_FEATURE_FLAG' });
    expect(writes).toEqual([]);
  });

  it('answers an unknown tenant with TENANT_NOT_FOUND and writes nothing', async () => {
    const { useCase, writes } = build([]);
    await expect(useCase.execute('tenant-9', 'knowledge_base', true)).rejects.toMatchObject({ code: 'IDENTITY.TENANT_NOT_FOUND', kind: 'not_found' });
    expect(writes).toEqual([]);
  });
});
