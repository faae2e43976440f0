import type { Plan } from '../domain/plan';

/** Plan columns under the alias p, as toPlan reads them. */
export const PLAN_COLUMNS = 'p.id, p.code, p.name, p.ai_replies_per_month, p.kb_max_bytes, p.max_specialists, p.allowed_tools, p.features, p.is_default';

/**
 * SQL for the id of a tenant's plan: its active subscription's, else the default plan's.
 * `tenantParam` is the placeholder holding the tenant id ($1).
 */
export function tenantPlanIdSql(tenantParam: string): string {
  return `COALESCE(
    (SELECT s.plan_id FROM subscriptions s WHERE s.tenant_id = ${tenantParam} AND s.status = 'active'),
    (SELECT d.id FROM plans d WHERE d.is_default))`;
}

export interface PlanRow {
  id: string;
  code: string;
  name: string;
  ai_replies_per_month: number | null;
  kb_max_bytes: string | number | null;
  max_specialists: number | null;
  allowed_tools: string[];
  features: Record<string, boolean>;
  is_default: boolean;
}

/** bigint arrives from pg as a string; plan sizes stay far below 2^53. */
export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    aiRepliesPerMonth: row.ai_replies_per_month,
    kbMaxBytes: row.kb_max_bytes === null ? null : Number(row.kb_max_bytes),
    maxSpecialists: row.max_specialists,
    allowedTools: row.allowed_tools ?? [],
    features: row.features ?? {},
    isDefault: row.is_default,
  };
}
