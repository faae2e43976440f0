import type { Plan } from '../../domain/plan';

/** A tenant's subscription. startedAt is null when it has none and runs on the default plan. */
export interface Subscription {
  tenantId: string;
  plan: Plan;
  startedAt: Date | null;
}

export abstract class SubscriptionRepository {
  /** The plan of the tenant's active subscription, else the default plan. */
  abstract planOf(tenantId: string): Promise<Plan>;
  abstract find(tenantId: string): Promise<Subscription>;
  /** Moves the tenant to the plan with this code; null when there is no such plan. */
  abstract subscribe(tenantId: string, planCode: string): Promise<Subscription | null>;
}
