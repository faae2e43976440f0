import { Injectable } from '@nestjs/common';
import { EffectiveFlag, effectiveFlags, resolveFlag } from '../domain/feature-flag';
import { FeatureFlagOverrideRepository } from './ports/feature-flag-override.repository.port';
import { FeatureFlags } from './ports/feature-flags.port';
import { SubscriptionRepository } from './ports/subscription.repository.port';

/** FeatureFlags from the tenant's plan and its overrides. */
@Injectable()
export class PlanFeatureFlags extends FeatureFlags {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly overrides: FeatureFlagOverrideRepository,
  ) {
    super();
  }

  async isEnabled(tenantId: string, flag: string): Promise<boolean> {
    const override = await this.overrides.find(tenantId, flag);
    if (override !== null) return override;
    const plan = await this.subscriptions.planOf(tenantId);
    return resolveFlag(flag, plan.features, null).enabled;
  }

  async allowedTools(tenantId: string): Promise<string[]> {
    return [...(await this.subscriptions.planOf(tenantId)).allowedTools];
  }

  async effectiveFlags(tenantId: string): Promise<EffectiveFlag[]> {
    const [plan, overrides] = await Promise.all([this.subscriptions.planOf(tenantId), this.overrides.list(tenantId)]);
    return effectiveFlags(plan.features, overrides);
  }
}
