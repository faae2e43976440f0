import { Injectable } from '@nestjs/common';
import type { TenantPrincipal } from '@core/auth/principal';
import { assertAcceptablePassword } from '../domain/password-policy';
import type { StaffMember, TenantStaffRole } from '../domain/staff-member';
import { PasswordHasher } from './ports/password-hasher.port';
import { StaffPatch, StaffRepository } from './ports/staff.repository.port';
import { StaffChanges } from './staff-changes';

export interface UpdateStaffCommand {
  /** null clears it. */
  name?: string | null;
  role?: TenantStaffRole;
  password?: string;
}

@Injectable()
export class UpdateStaff {
  constructor(
    private readonly changes: StaffChanges,
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(actor: TenantPrincipal, id: string, command: UpdateStaffCommand): Promise<StaffMember> {
    if (command.password !== undefined) assertAcceptablePassword(command.password);
    const patch: StaffPatch = {};
    if (command.name !== undefined) patch.name = command.name?.trim() || null;
    if (command.role !== undefined) patch.role = command.role;
    // Hashed before the transaction: argon2 is slow and the admins are locked inside it.
    if (command.password !== undefined) patch.passwordHash = await this.hasher.hash(command.password);
    const change = { kind: 'update', role: command.role, passwordChanged: command.password !== undefined } as const;
    return this.changes.apply(actor, id, change, () => this.staff.update(actor.tenantId, id, patch));
  }
}
