import { Injectable } from '@nestjs/common';
import { SubscriptionRepository } from './ports/subscription.repository.port';

/** The numeric limits of a tenant's plan, for other modules (exported by IdentityModule). null means unlimited. */
@Injectable()
export class PlanLimits {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async kbMaxBytes(tenantId: string): Promise<number | null> {
    return (await this.subscriptions.planOf(tenantId)).kbMaxBytes;
  }

  /** How many specialists the tenant may have enabled at once. */
  async maxSpecialists(tenantId: string): Promise<number | null> {
    return (await this.subscriptions.planOf(tenantId)).maxSpecialists;
  }
}
