/** A plan of the platform's catalogue. A null limit means unlimited. */
export interface Plan {
  id: string;
  code: string;
  name: string;
  aiRepliesPerMonth: number | null;
  kbMaxBytes: number | null;
  maxSpecialists: number | null;
  allowedTools: string[];
  features: Record<string, boolean>;
  isDefault: boolean;
}

export type NewPlan = Omit<Plan, 'id' | 'isDefault'>;
export type PlanChanges = Partial<Omit<NewPlan, 'code'>>;

export const PLAN_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const PLAN_CODE_MAX_LENGTH = 40;
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
export const TOOL_NAME_MAX_LENGTH = 60;
