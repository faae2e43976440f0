import { Injectable } from '@nestjs/common';
import { normalizeSpecialistChanges, type Specialist, type SpecialistChanges } from '../../domain/specialists/specialist';
import { SpecialistNotFoundError } from '../../domain/specialists/specialist.errors';
import { SpecialistRepository } from './ports/specialist.repository.port';
import { SpecialistCatalogue } from './specialist-catalogue';
import { SpecialistToolPolicy } from './specialist-tool-policy';

/** Changes the fields given; the slug and the enabled state have their own rules and routes. */
@Injectable()
export class UpdateSpecialist {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly repository: SpecialistRepository,
    private readonly tools: SpecialistToolPolicy,
  ) {}

  async execute(tenantId: string, id: string, changes: SpecialistChanges): Promise<Specialist> {
    const normalized = normalizeSpecialistChanges(changes);
    await this.catalogue.settings(tenantId);
    const current = await this.repository.find(tenantId, id);
    if (!current) throw new SpecialistNotFoundError();
    if (normalized.allowedTools) await this.tools.assertUsable(tenantId, normalized.allowedTools);
    if (Object.keys(normalized).length === 0) return current;
    const updated = await this.repository.update(tenantId, id, normalized);
    if (!updated) throw new SpecialistNotFoundError();
    return updated;
  }
}
