import { InvalidFeatureFlagError } from './plan.errors';

/** lower_snake_case, as plans spell their features: `knowledge_base`, `pii_masking`. */
export const FLAG_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const FLAG_NAME_MAX_LENGTH = 60;

export interface FlagOverride {
  flag: string;
  enabled: boolean;
}

/** A flag as a tenant gets it: the effective value, whether a per-tenant override decided it, and the plan's value. */
export interface EffectiveFlag {
  flag: string;
  enabled: boolean;
  overridden: boolean;
  planValue: boolean;
}

export function isValidFlagName(flag: string): boolean {
  return flag.length <= FLAG_NAME_MAX_LENGTH && FLAG_NAME_PATTERN.test(flag);
}

export function assertValidFlagNames(flags: Iterable<string>): void {
  for (const flag of flags) {
    if (!isValidFlagName(flag)) throw new InvalidFeatureFlagError(flag);
  }
}

/** The tenant's override if any, else the plan's feature, else off. */
export function resolveFlag(flag: string, planFeatures: Record<string, boolean>, override: boolean | null): EffectiveFlag {
  const planValue = Object.hasOwn(planFeatures, flag) && planFeatures[flag] === true;
  return { flag, enabled: override ?? planValue, overridden: override !== null, planValue };
}

/** Every flag the plan names or the tenant overrides, resolved, in name order. */
export function effectiveFlags(planFeatures: Record<string, boolean>, overrides: FlagOverride[]): EffectiveFlag[] {
  const byFlag = new Map(overrides.map((o) => [o.flag, o.enabled]));
  const names = [...new Set([...Object.keys(planFeatures), ...byFlag.keys()])].sort();
  return names.map((flag) => resolveFlag(flag, planFeatures, byFlag.get(flag) ?? null));
}
