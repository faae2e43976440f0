import type { FlagOverride } from '../domain/feature-flag';
import type { Plan } from '../domain/plan';
import { PlanFeatureFlags } from './plan-feature-flags';
import type { FeatureFlagOverrideRepository } from './ports/feature-flag-override.repository.port';
import type { SubscriptionRepository } from './ports/subscription.repository.port';
import { strict } from '@test/support/strict-fake';

const STARTER: Plan = {
  id: 'plan-starter',
  code: 'starter',
  name: 'Starter',
  aiRepliesPerMonth: 2000,
  kbMaxBytes: 20971520,
  maxSpecialists: 3,
  allowedTools: ['search_knowledge_base', 'request_human'],
  features: { knowledge_base: true, pii_masking: true, http_tools: false },
  isDefault: true,
};

const TENANT = 'tenant-1';

/** Flags over one tenant's plan and overrides; any other tenant id is a test failure. */
function build(overrides: FlagOverride[] = [], plan: Plan = STARTER) {
  const calls: string[] = [];
  const expectTenant = (tenantId: string) => {
    if (tenantId !== TENANT) throw new Error(`asked about another tenant: ${tenantId}`);
  };
  const subscriptions = strict<SubscriptionRepository>('SubscriptionRepository', {
    planOf: async (tenantId: string) => {
      expectTenant(tenantId);
      calls.push('planOf');
      return plan;
    },
  });
  const overrideRepository = strict<FeatureFlagOverrideRepository>('FeatureFlagOverrideRepository', {
    find: async (tenantId: string, flag: string) => {
      expectTenant(tenantId);
      calls.push(`find:${flag}`);
      return overrides.find((o) => o.flag === flag)?.enabled ?? null;
    },
    list: async (tenantId: string) => {
      expectTenant(tenantId);
      calls.push('list');
      return overrides;
    },
  });
  return { flags: new PlanFeatureFlags(subscriptions, overrideRepository), calls };
}

describe('PlanFeatureFlags', () => {
  describe('isEnabled', () => {
    it("falls back to the plan's feature when the tenant has no override", async () => {
      const { flags } = build();
      await expect(flags.isEnabled(TENANT, 'knowledge_base')).resolves.toBe(true);
      await expect(flags.isEnabled(TENANT, 'http_tools')).resolves.toBe(false);
    });

    it("lets an override turn off what the plan enables, without reading the plan", async () => {
      const { flags, calls } = build([{ flag: 'knowledge_base', enabled: false }]);
      await expect(flags.isEnabled(TENANT, 'knowledge_base')).resolves.toBe(false);
      expect(calls).toEqual(['find:knowledge_base']);
    });

    it('lets an override turn on what the plan lacks', async () => {
      const { flags } = build([{ flag: 'semantic_cache', enabled: true }]);
      await expect(flags.isEnabled(TENANT, 'semantic_cache')).resolves.toBe(true);
    });

    it('is off for a flag neither the plan nor an override names', async () => {
      const { flags, calls } = build();
      await expect(flags.isEnabled(TENANT, 'voice_notes')).resolves.toBe(false);
      expect(calls).toEqual(['find:voice_notes', 'planOf']);
    });
  });

  describe('allowedTools', () => {
    it("lists the plan's tools, as a copy the caller cannot use to change the plan", async () => {
      const plan = { ...STARTER, allowedTools: ['search_knowledge_base'] };
      const { flags } = build([], plan);
      const tools = await flags.allowedTools(TENANT);
      expect(tools).toEqual(['search_knowledge_base']);
      tools.push('http');
      expect(plan.allowedTools).toEqual(['search_knowledge_base']);
    });

    it('is empty for a plan without tools', async () => {
      const { flags } = build([], { ...STARTER, allowedTools: [] });
      await expect(flags.allowedTools(TENANT)).resolves.toEqual([]);
    });
  });

  describe('effectiveFlags', () => {
    it("resolves every flag of the plan and of the tenant's overrides", async () => {
      const { flags } = build([
        { flag: 'pii_masking', enabled: false },
        { flag: 'semantic_cache', enabled: true },
      ]);
      await expect(flags.effectiveFlags(TENANT)).resolves.toEqual([
        { flag: 'http_tools', enabled: false, overridden: false, planValue: false },
        { flag: 'knowledge_base', enabled: true, overridden: false, planValue: true },
        { flag: 'pii_masking', enabled: false, overridden: true, planValue: true },
        { flag: 'semantic_cache', enabled: true, overridden: true, planValue: false },
      ]);
    });
  });
});
