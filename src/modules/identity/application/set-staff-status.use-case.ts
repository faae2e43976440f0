import { Injectable } from '@nestjs/common';
import type { TenantPrincipal } from '@core/auth/principal';
import type { StaffMember, StaffStatus } from '../domain/staff-member';
import { StaffRepository } from './ports/staff.repository.port';
import { StaffChanges } from './staff-changes';

/** Disables (ending every session at once) or re-enables a staff user of the caller's tenant. */
@Injectable()
export class SetStaffStatus {
  constructor(
    private readonly changes: StaffChanges,
    private readonly staff: StaffRepository,
  ) {}

  execute(actor: TenantPrincipal, id: string, status: StaffStatus): Promise<StaffMember> {
    const change = status === 'disabled' ? ({ kind: 'disable' } as const) : ({ kind: 'enable' } as const);
    return this.changes.apply(actor, id, change, () => this.staff.update(actor.tenantId, id, { disabled: status === 'disabled' }));
  }
}
