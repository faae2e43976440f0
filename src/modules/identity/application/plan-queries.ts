import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import type { Plan } from '../domain/plan';
import { PlanRepository } from './ports/plan.repository.port';

@Injectable()
export class PlanQueries {
  constructor(private readonly plans: PlanRepository) {}

  list(page: { limit: number; offset: number }): Promise<Page<Plan>> {
    return this.plans.list(page);
  }
}
