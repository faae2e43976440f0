import { Injectable } from '@nestjs/common';
import { assertValidFlagNames } from '../domain/feature-flag';
import type { NewPlan, Plan } from '../domain/plan';
import { PlanRepository } from './ports/plan.repository.port';

/** Adds a plan to the catalogue; a new plan is never the default. */
@Injectable()
export class CreatePlan {
  constructor(private readonly plans: PlanRepository) {}

  execute(plan: NewPlan): Promise<Plan> {
    assertValidFlagNames(Object.keys(plan.features));
    return this.plans.create({ ...plan, name: plan.name.trim(), allowedTools: [...new Set(plan.allowedTools)] });
  }
}
