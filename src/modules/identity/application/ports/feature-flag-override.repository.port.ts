import type { FlagOverride } from '../../domain/feature-flag';

/** Per-tenant overrides of plan features. */
export abstract class FeatureFlagOverrideRepository {
  abstract list(tenantId: string): Promise<FlagOverride[]>;
  /** The override's value, or null when the tenant has none for this flag. */
  abstract find(tenantId: string, flag: string): Promise<boolean | null>;
  abstract set(tenantId: string, flag: string, enabled: boolean): Promise<void>;
  abstract remove(tenantId: string, flag: string): Promise<void>;
}
