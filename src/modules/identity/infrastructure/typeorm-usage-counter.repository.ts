import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { UsageCounterRepository } from '../application/ports/usage-counter.repository.port';
import { AiReplyGrant, emptyUsage, MonthlyUsage } from '../domain/usage';
import { tenantPlanIdSql } from './plan-rows';

/** The tenant's monthly AI reply limit ($1 = tenant id); no row only when there is no default plan. */
const PLAN_LIMIT = `plan_limit AS (SELECT p.ai_replies_per_month AS lim FROM plans p WHERE p.id = ${tenantPlanIdSql('$1')})`;

/**
 * One statement decides and counts: the insert (first reply of the month) or the conflicting
 * update happens only while the count is under the limit. Concurrent workers queue on the row lock
 * and each re-checks the condition against the count the previous one committed, so the limit holds.
 */
const COUNT_AI_REPLY = `
  WITH ${PLAN_LIMIT}
  INSERT INTO usage_counters AS u (tenant_id, period, ai_replies)
  SELECT $1, $2, 1 FROM plan_limit WHERE lim IS NULL OR lim > 0
  ON CONFLICT (tenant_id, period) DO UPDATE SET ai_replies = u.ai_replies + 1
  WHERE (SELECT lim FROM plan_limit) IS NULL OR u.ai_replies < (SELECT lim FROM plan_limit)
  RETURNING u.ai_replies AS used, (SELECT lim FROM plan_limit) AS lim`;

const CURRENT_COUNT = `
  WITH ${PLAN_LIMIT}
  SELECT COALESCE((SELECT ai_replies FROM usage_counters WHERE tenant_id = $1 AND period = $2), 0) AS used,
         (SELECT lim FROM plan_limit) AS lim`;

interface UsageRow {
  period: string;
  ai_replies: number;
  prompt_tokens: string;
  completion_tokens: string;
  cost_usd: string;
}

const USAGE_COLUMNS = 'period, ai_replies, prompt_tokens, completion_tokens, cost_usd';

/** bigint and numeric come back from pg as text; month totals fit a double comfortably. */
function toMonthlyUsage(row: UsageRow): MonthlyUsage {
  return {
    period: row.period,
    aiReplies: row.ai_replies,
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    costUsd: Number(row.cost_usd),
  };
}

@Injectable()
export class TypeOrmUsageCounterRepository extends UsageCounterRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  tryCountAiReply(tenantId: string, period: string): Promise<AiReplyGrant> {
    return this.db.forTenant(tenantId, async (em) => {
      const [counted]: { used: number; lim: number | null }[] = await em.query(COUNT_AI_REPLY, [tenantId, period]);
      if (counted) return { allowed: true, used: counted.used, limit: counted.lim };
      const [current]: { used: number; lim: number | null }[] = await em.query(CURRENT_COUNT, [tenantId, period]);
      return { allowed: false, used: current.used, limit: current.lim };
    });
  }

  async addTokens(tenantId: string, period: string, promptTokens: number, completionTokens: number, costUsd: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.query(
        `INSERT INTO usage_counters AS u (tenant_id, period, prompt_tokens, completion_tokens, cost_usd) VALUES ($1, $2, $3, $4, $5::numeric)
         ON CONFLICT (tenant_id, period) DO UPDATE
         SET prompt_tokens = u.prompt_tokens + EXCLUDED.prompt_tokens, completion_tokens = u.completion_tokens + EXCLUDED.completion_tokens,
             cost_usd = u.cost_usd + EXCLUDED.cost_usd`,
        [tenantId, period, promptTokens, completionTokens, costUsd],
      ),
    );
  }

  find(tenantId: string, period: string): Promise<MonthlyUsage> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: UsageRow[] = await em.query(`SELECT ${USAGE_COLUMNS} FROM usage_counters WHERE tenant_id = $1 AND period = $2`, [tenantId, period]);
      return row ? toMonthlyUsage(row) : emptyUsage(period);
    });
  }

  findPeriods(tenantId: string, periods: string[]): Promise<MonthlyUsage[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: UsageRow[] = await em.query(`SELECT ${USAGE_COLUMNS} FROM usage_counters WHERE tenant_id = $1 AND period = ANY($2::bpchar[])`, [tenantId, periods]);
      return rows.map(toMonthlyUsage);
    });
  }
}
