import { Injectable } from '@nestjs/common';
import { TenantNotFoundError } from '../domain/identity.errors';
import { UnknownPlanError } from '../domain/plan.errors';
import { SubscriptionRepository } from './ports/subscription.repository.port';
import { TenantCatalogue } from './ports/tenant-catalogue.port';
import type { SubscriptionWithUsage } from './subscription-queries';
import { UsageMeter } from './usage-meter';

/** Moves a tenant to another plan; this month's usage carries over and counts against the new limit. */
@Injectable()
export class ChangeSubscription {
  constructor(
    private readonly tenants: TenantCatalogue,
    private readonly subscriptions: SubscriptionRepository,
    private readonly usage: UsageMeter,
  ) {}

  async execute(tenantId: string, planCode: string): Promise<SubscriptionWithUsage> {
    if (!(await this.tenants.find(tenantId))) throw new TenantNotFoundError();
    const subscription = await this.subscriptions.subscribe(tenantId, planCode);
    if (!subscription) throw new UnknownPlanError(planCode);
    return { ...subscription, usage: await this.usage.usageOf(tenantId) };
  }
}
