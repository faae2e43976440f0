import type { EffectiveFlag } from '../../domain/feature-flag';

/**
 * What a tenant may use, for every module: the tenant's override if any, else its plan's feature,
 * else off. Exported by IdentityModule.
 */
export abstract class FeatureFlags {
  abstract isEnabled(tenantId: string, flag: string): Promise<boolean>;
  /** The tools the tenant's plan allows its AI specialists. */
  abstract allowedTools(tenantId: string): Promise<string[]>;
  /** Every flag the tenant's plan names or the tenant overrides, resolved, in name order. */
  abstract effectiveFlags(tenantId: string): Promise<EffectiveFlag[]>;
}
