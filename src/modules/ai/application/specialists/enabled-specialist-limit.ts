import { Injectable } from '@nestjs/common';
import { PlanLimits } from '@modules/identity/application/plan-limits';
import { SpecialistLimitError } from '../../domain/specialists/specialist.errors';
import { SpecialistRepository } from './ports/specialist.repository.port';

/** The plan's max_specialists, which caps how many specialists are enabled at once (null: no cap). */
@Injectable()
export class EnabledSpecialistLimit {
  constructor(
    private readonly repository: SpecialistRepository,
    private readonly limits: PlanLimits,
  ) {}

  /**
   * Throws SpecialistLimitError unless one more may be enabled. Call it inside repository.inTransaction,
   * before the insert or update: it locks the tenant's settings row, so two requests cannot both
   * count the same free place.
   */
  async assertRoomForOneMore(tenantId: string): Promise<void> {
    await this.repository.lockSettings(tenantId);
    const limit = await this.limits.maxSpecialists(tenantId);
    if (limit === null) return;
    if ((await this.repository.countEnabled(tenantId)) >= limit) throw new SpecialistLimitError(limit);
  }
}
