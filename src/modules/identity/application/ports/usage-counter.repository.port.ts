import type { AiReplyGrant, MonthlyUsage } from '../../domain/usage';

/** Monthly usage counters, one row per tenant and period. */
export abstract class UsageCounterRepository {
  /**
   * Counts one AI reply in the period unless the tenant's plan limit (its active subscription's
   * plan, else the default plan) is reached; atomic, so concurrent workers never exceed the limit.
   */
  abstract tryCountAiReply(tenantId: string, period: string): Promise<AiReplyGrant>;
  abstract addTokens(tenantId: string, period: string, promptTokens: number, completionTokens: number): Promise<void>;
  abstract find(tenantId: string, period: string): Promise<MonthlyUsage>;
}
