import { Injectable } from '@nestjs/common';
import { assertValidFlagNames, EffectiveFlag, resolveFlag } from '../domain/feature-flag';
import { TenantNotFoundError } from '../domain/identity.errors';
import { FeatureFlagOverrideRepository } from './ports/feature-flag-override.repository.port';
import { SubscriptionRepository } from './ports/subscription.repository.port';
import { TenantCatalogue } from './ports/tenant-catalogue.port';

/** Sets (enabled true/false) or clears (null) a tenant's override of one flag; returns the flag as it now resolves. */
@Injectable()
export class OverrideFeatureFlag {
  constructor(
    private readonly tenants: TenantCatalogue,
    private readonly overrides: FeatureFlagOverrideRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(tenantId: string, flag: string, enabled: boolean | null): Promise<EffectiveFlag> {
    assertValidFlagNames([flag]);
    if (!(await this.tenants.find(tenantId))) throw new TenantNotFoundError();
    if (enabled === null) await this.overrides.remove(tenantId, flag);
    else await this.overrides.set(tenantId, flag, enabled);
    const plan = await this.subscriptions.planOf(tenantId);
    return resolveFlag(flag, plan.features, enabled);
  }
}
