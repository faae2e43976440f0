import { Injectable } from '@nestjs/common';
import { SpecialistNotFoundError } from '../../domain/specialists/specialist.errors';
import { SpecialistRepository } from './ports/specialist.repository.port';

/** Deletes a specialist for good; deleting every one leaves the tenant without (defaults are not re-created). */
@Injectable()
export class DeleteSpecialist {
  constructor(private readonly repository: SpecialistRepository) {}

  async execute(tenantId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(tenantId, id))) throw new SpecialistNotFoundError();
  }
}
