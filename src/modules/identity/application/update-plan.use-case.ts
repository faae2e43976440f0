import { Injectable } from '@nestjs/common';
import { assertValidFlagNames } from '../domain/feature-flag';
import type { Plan, PlanChanges } from '../domain/plan';
import { PlanNotFoundError } from '../domain/plan.errors';
import { PlanRepository } from './ports/plan.repository.port';

/** Changes a plan in place: its tenants get the new limits and features at once. */
@Injectable()
export class UpdatePlan {
  constructor(private readonly plans: PlanRepository) {}

  async execute(code: string, changes: PlanChanges): Promise<Plan> {
    if (changes.features) assertValidFlagNames(Object.keys(changes.features));
    const normalised: PlanChanges = {
      ...changes,
      ...(changes.name !== undefined && { name: changes.name.trim() }),
      ...(changes.allowedTools && { allowedTools: [...new Set(changes.allowedTools)] }),
    };
    const plan = await this.plans.update(code, normalised);
    if (!plan) throw new PlanNotFoundError();
    return plan;
  }
}
