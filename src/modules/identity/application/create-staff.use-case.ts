import { Injectable } from '@nestjs/common';
import { assertAcceptablePassword } from '../domain/password-policy';
import type { StaffMember, TenantStaffRole } from '../domain/staff-member';
import { normaliseEmail } from '../domain/staff-user';
import { PasswordHasher } from './ports/password-hasher.port';
import { StaffRepository } from './ports/staff.repository.port';

export interface CreateStaffCommand {
  email: string;
  password: string;
  role: TenantStaffRole;
  name?: string;
}

/** A tenant admin adds an admin or an agent to their own tenant. */
@Injectable()
export class CreateStaff {
  constructor(
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(tenantId: string, command: CreateStaffCommand): Promise<StaffMember> {
    assertAcceptablePassword(command.password);
    return this.staff.create(tenantId, {
      email: normaliseEmail(command.email),
      passwordHash: await this.hasher.hash(command.password),
      role: command.role,
      name: command.name?.trim() || null,
    });
  }
}
