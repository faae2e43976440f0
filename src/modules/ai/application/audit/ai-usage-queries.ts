import { Injectable } from '@nestjs/common';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import { UsageMeter } from '@modules/identity/application/usage-meter';
import { TenantNotFoundError } from '@modules/identity/domain/identity.errors';
import type { MonthlyUsage } from '@modules/identity/domain/usage';

/** A tenant's AI consumption month by month: replies, tokens and estimated cost. */
@Injectable()
export class AiUsageQueries {
  constructor(
    private readonly usage: UsageMeter,
    private readonly tenants: TenantDirectory,
  ) {}

  /** The caller's own tenant, which exists by construction of its token. */
  ofOwnTenant(tenantId: string, months: number, at: Date = new Date()): Promise<MonthlyUsage[]> {
    return this.usage.history(tenantId, months, at);
  }

  /** Any tenant, for the platform admin: 404 for an unknown id rather than a year of zeros. */
  async ofTenant(tenantId: string, months: number, at: Date = new Date()): Promise<MonthlyUsage[]> {
    if (!(await this.tenants.findTenant(tenantId))) throw new TenantNotFoundError();
    return this.usage.history(tenantId, months, at);
  }
}
