import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { PlanRepository } from '../application/ports/plan.repository.port';
import type { NewPlan, Plan, PlanChanges } from '../domain/plan';
import { PlanCodeTakenError } from '../domain/plan.errors';
import { changedRows } from './changed-rows';
import { isUniqueViolation } from './pg-errors';
import { PLAN_COLUMNS, PlanRow, toPlan } from './plan-rows';

const COLUMNS: Record<keyof PlanChanges, string> = {
  name: 'name',
  aiRepliesPerMonth: 'ai_replies_per_month',
  kbMaxBytes: 'kb_max_bytes',
  maxSpecialists: 'max_specialists',
  allowedTools: 'allowed_tools',
  features: 'features',
};

/** The plan catalogue belongs to the platform, not to a tenant: platform scope throughout. */
@Injectable()
export class TypeOrmPlanRepository extends PlanRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  list(page: { limit: number; offset: number }): Promise<Page<Plan>> {
    return this.db.asPlatform(async (em) => {
      const rows: PlanRow[] = await em.query(`SELECT ${PLAN_COLUMNS} FROM plans p ORDER BY p.is_default DESC, p.code LIMIT $1 OFFSET $2`, [page.limit, page.offset]);
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM plans`);
      return { items: rows.map(toPlan), total };
    });
  }

  findByCode(code: string): Promise<Plan | null> {
    return this.db.asPlatform(async (em) => {
      const [row]: PlanRow[] = await em.query(`SELECT ${PLAN_COLUMNS} FROM plans p WHERE p.code = $1`, [code]);
      return row ? toPlan(row) : null;
    });
  }

  async create(plan: NewPlan): Promise<Plan> {
    try {
      return await this.db.asPlatform(async (em) => {
        const [row]: PlanRow[] = await em.query(
          `INSERT INTO plans AS p (code, name, ai_replies_per_month, kb_max_bytes, max_specialists, allowed_tools, features)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PLAN_COLUMNS}`,
          [plan.code, plan.name, plan.aiRepliesPerMonth, plan.kbMaxBytes, plan.maxSpecialists, plan.allowedTools, JSON.stringify(plan.features)],
        );
        return toPlan(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlanCodeTakenError();
      throw error;
    }
  }

  update(code: string, changes: PlanChanges): Promise<Plan | null> {
    const assignments: string[] = [];
    const params: unknown[] = [code];
    for (const field of Object.keys(COLUMNS) as (keyof PlanChanges)[]) {
      const value = changes[field];
      if (value === undefined) continue;
      params.push(field === 'features' ? JSON.stringify(value) : value);
      assignments.push(`${COLUMNS[field]} = $${params.length}`);
    }
    return this.db.asPlatform(async (em) => {
      const [row] = changedRows<PlanRow>(await em.query(
        `UPDATE plans AS p SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE p.code = $1 RETURNING ${PLAN_COLUMNS}`,
        params,
      ));
      return row ? toPlan(row) : null;
    });
  }
}
