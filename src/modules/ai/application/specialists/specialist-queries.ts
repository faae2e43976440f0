import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import type { Specialist } from '../../domain/specialists/specialist';
import { SpecialistNotFoundError } from '../../domain/specialists/specialist.errors';
import { SpecialistRepository } from './ports/specialist.repository.port';
import { SpecialistCatalogue } from './specialist-catalogue';

/** Reads of a tenant's specialists; a tenant seen for the first time gets its defaults first. */
@Injectable()
export class SpecialistQueries {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly repository: SpecialistRepository,
  ) {}

  async list(tenantId: string, limit: number, offset: number): Promise<Page<Specialist>> {
    await this.catalogue.settings(tenantId);
    return this.repository.list(tenantId, limit, offset);
  }

  async get(tenantId: string, id: string): Promise<Specialist> {
    await this.catalogue.settings(tenantId);
    const specialist = await this.repository.find(tenantId, id);
    if (!specialist) throw new SpecialistNotFoundError();
    return specialist;
  }
}
