import { Injectable } from '@nestjs/common';
import { AiReplyGrant, costAsDecimal, MonthlyUsage, recentPeriods, usageOfPeriods, usagePeriod } from '../domain/usage';
import { UsageCounterRepository } from './ports/usage-counter.repository.port';

/**
 * Monthly metering for other modules (exported by IdentityModule): the AI worker asks
 * tryConsumeAiReply before each reply and records the tokens and cost the reply used.
 */
@Injectable()
export class UsageMeter {
  constructor(private readonly counters: UsageCounterRepository) {}

  /** Counts one AI reply this month if the tenant's plan allows another; race-free across workers. */
  tryConsumeAiReply(tenantId: string, at: Date = new Date()): Promise<AiReplyGrant> {
    return this.counters.tryCountAiReply(tenantId, usagePeriod(at));
  }

  async recordTokens(tenantId: string, promptTokens: number, completionTokens: number, at: Date = new Date(), costUsd = 0): Promise<void> {
    for (const count of [promptTokens, completionTokens]) {
      if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`token counts must be non-negative integers, got ${count}`);
    }
    const cost = costAsDecimal(costUsd);
    if (promptTokens === 0 && completionTokens === 0 && costUsd === 0) return;
    await this.counters.addTokens(tenantId, usagePeriod(at), promptTokens, completionTokens, cost);
  }

  usageOf(tenantId: string, at: Date = new Date()): Promise<MonthlyUsage> {
    return this.counters.find(tenantId, usagePeriod(at));
  }

  /** The last `months` UTC months up to the one `at` falls in, newest first, unused months as zeros. */
  async history(tenantId: string, months: number, at: Date = new Date()): Promise<MonthlyUsage[]> {
    const periods = recentPeriods(at, months);
    return usageOfPeriods(periods, await this.counters.findPeriods(tenantId, periods));
  }
}
