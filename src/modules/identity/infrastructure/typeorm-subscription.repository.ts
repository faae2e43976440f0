import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { Subscription, SubscriptionRepository } from '../application/ports/subscription.repository.port';
import type { Plan } from '../domain/plan';
import { PLAN_COLUMNS, PlanRow, tenantPlanIdSql, toPlan } from './plan-rows';

/** Each call sees one tenant (its subscription); the plan catalogue has no tenant and no RLS. */
@Injectable()
export class TypeOrmSubscriptionRepository extends SubscriptionRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async planOf(tenantId: string): Promise<Plan> {
    return (await this.find(tenantId)).plan;
  }

  find(tenantId: string): Promise<Subscription> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: (PlanRow & { started_at: Date | null })[] = await em.query(
        `SELECT ${PLAN_COLUMNS}, s.started_at
         FROM plans p LEFT JOIN subscriptions s ON s.tenant_id = $1 AND s.plan_id = p.id AND s.status = 'active'
         WHERE p.id = ${tenantPlanIdSql('$1')}`,
        [tenantId],
      );
      if (!row) throw new Error('the plan catalogue has no default plan');
      return { tenantId, plan: toPlan(row), startedAt: row.started_at };
    });
  }

  subscribe(tenantId: string, planCode: string): Promise<Subscription | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [plan]: PlanRow[] = await em.query(`SELECT ${PLAN_COLUMNS} FROM plans p WHERE p.code = $1`, [planCode]);
      if (!plan) return null;
      // A new plan starts now; re-subscribing to the same active plan keeps its start.
      const [row]: { started_at: Date }[] = await em.query(
        `INSERT INTO subscriptions AS s (tenant_id, plan_id) VALUES ($1, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET
           started_at = CASE WHEN s.plan_id = EXCLUDED.plan_id AND s.status = 'active' THEN s.started_at ELSE now() END,
           plan_id = EXCLUDED.plan_id, status = 'active', updated_at = now()
         RETURNING s.started_at`,
        [tenantId, plan.id],
      );
      return { tenantId, plan: toPlan(plan), startedAt: row.started_at };
    });
  }
}
