import type { Page } from '@core/http/pagination.dto';
import type { NewPlan, Plan, PlanChanges } from '../../domain/plan';

/** The platform's plan catalogue (not tenant data). */
export abstract class PlanRepository {
  /** Default plan first, then by code. */
  abstract list(page: { limit: number; offset: number }): Promise<Page<Plan>>;
  abstract findByCode(code: string): Promise<Plan | null>;
  /** Throws PlanCodeTakenError when the code exists. */
  abstract create(plan: NewPlan): Promise<Plan>;
  /** Null when no plan has this code. */
  abstract update(code: string, changes: PlanChanges): Promise<Plan | null>;
}
