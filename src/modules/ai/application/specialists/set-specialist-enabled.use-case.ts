import { Injectable } from '@nestjs/common';
import type { Specialist } from '../../domain/specialists/specialist';
import { SpecialistNotFoundError } from '../../domain/specialists/specialist.errors';
import { EnabledSpecialistLimit } from './enabled-specialist-limit';
import { SpecialistRepository } from './ports/specialist.repository.port';
import { SpecialistCatalogue } from './specialist-catalogue';

/**
 * Enables (within the plan's max_specialists) or disables a specialist. Disabling the last enabled
 * one is allowed: the engine then hands every conversation to a human.
 */
@Injectable()
export class SetSpecialistEnabled {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly repository: SpecialistRepository,
    private readonly limit: EnabledSpecialistLimit,
  ) {}

  async execute(tenantId: string, id: string, enabled: boolean): Promise<Specialist> {
    await this.catalogue.settings(tenantId);
    return this.repository.inTransaction(tenantId, async () => {
      const current = await this.repository.find(tenantId, id);
      if (!current) throw new SpecialistNotFoundError();
      if (current.enabled === enabled) return current;
      if (enabled) await this.limit.assertRoomForOneMore(tenantId);
      const updated = await this.repository.update(tenantId, id, { enabled });
      if (!updated) throw new SpecialistNotFoundError();
      return updated;
    });
  }
}
