import { Injectable } from '@nestjs/common';
import { TenantNotFoundError } from '../domain/identity.errors';
import type { MonthlyUsage } from '../domain/usage';
import { TenantCatalogue } from './ports/tenant-catalogue.port';
import { Subscription, SubscriptionRepository } from './ports/subscription.repository.port';
import { UsageMeter } from './usage-meter';

export interface SubscriptionWithUsage extends Subscription {
  usage: MonthlyUsage;
}

/** A tenant's plan, its limits, and this month's usage. */
@Injectable()
export class SubscriptionQueries {
  constructor(
    private readonly tenants: TenantCatalogue,
    private readonly subscriptions: SubscriptionRepository,
    private readonly usage: UsageMeter,
  ) {}

  async ofTenant(tenantId: string, at: Date = new Date()): Promise<SubscriptionWithUsage> {
    if (!(await this.tenants.find(tenantId))) throw new TenantNotFoundError();
    const [subscription, usage] = await Promise.all([this.subscriptions.find(tenantId), this.usage.usageOf(tenantId, at)]);
    return { ...subscription, usage };
  }
}
