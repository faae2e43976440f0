import type { AiReplyGrant, MonthlyUsage } from '../../domain/usage';

/** Monthly usage counters, one row per tenant and period. */
export abstract class UsageCounterRepository {
  /**
   * Counts one AI reply in the period unless the tenant's plan limit (its active subscription's
   * plan, else the default plan) is reached; atomic, so concurrent workers never exceed the limit.
   */
  abstract tryCountAiReply(tenantId: string, period: string): Promise<AiReplyGrant>;
  /** Adds to the period's totals atomically; `costUsd` is decimal text so the sum stays exact. */
  abstract addTokens(tenantId: string, period: string, promptTokens: number, completionTokens: number, costUsd: string): Promise<void>;
  abstract find(tenantId: string, period: string): Promise<MonthlyUsage>;
  /** The stored rows among these periods; a period without use has none. */
  abstract findPeriods(tenantId: string, periods: string[]): Promise<MonthlyUsage[]>;
}
