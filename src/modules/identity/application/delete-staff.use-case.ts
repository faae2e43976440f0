import { Injectable } from '@nestjs/common';
import type { TenantPrincipal } from '@core/auth/principal';
import { StaffRepository } from './ports/staff.repository.port';
import { StaffChanges } from './staff-changes';

/** Deletes a staff user of the caller's tenant; their refresh tokens and assignments go with them. */
@Injectable()
export class DeleteStaff {
  constructor(
    private readonly changes: StaffChanges,
    private readonly staff: StaffRepository,
  ) {}

  async execute(actor: TenantPrincipal, id: string): Promise<void> {
    await this.changes.apply(actor, id, { kind: 'delete' }, () => this.staff.delete(actor.tenantId, id));
  }
}
