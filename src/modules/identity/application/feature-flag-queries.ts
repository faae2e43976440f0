import { Injectable } from '@nestjs/common';
import type { EffectiveFlag } from '../domain/feature-flag';
import { TenantNotFoundError } from '../domain/identity.errors';
import { FeatureFlags } from './ports/feature-flags.port';
import { TenantCatalogue } from './ports/tenant-catalogue.port';

@Injectable()
export class FeatureFlagQueries {
  constructor(
    private readonly tenants: TenantCatalogue,
    private readonly flags: FeatureFlags,
  ) {}

  async ofTenant(tenantId: string): Promise<EffectiveFlag[]> {
    if (!(await this.tenants.find(tenantId))) throw new TenantNotFoundError();
    return this.flags.effectiveFlags(tenantId);
  }
}
