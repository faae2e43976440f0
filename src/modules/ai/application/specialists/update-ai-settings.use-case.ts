import { Injectable } from '@nestjs/common';
import { assertAiSettingsInRange, type AiSettings } from '../../domain/specialists/specialist';
import { SpecialistRepository } from './ports/specialist.repository.port';
import { SpecialistCatalogue } from './specialist-catalogue';

@Injectable()
export class UpdateAiSettings {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly repository: SpecialistRepository,
  ) {}

  async execute(tenantId: string, changes: Partial<AiSettings>): Promise<AiSettings> {
    assertAiSettingsInRange(changes);
    const current = await this.catalogue.settings(tenantId);
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<AiSettings>;
    if (Object.keys(given).length === 0) return current;
    return this.repository.updateSettings(tenantId, given);
  }
}
