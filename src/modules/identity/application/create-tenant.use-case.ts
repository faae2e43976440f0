import { Injectable } from '@nestjs/common';
import { assertAcceptablePassword } from '../domain/password-policy';
import { normaliseEmail } from '../domain/staff-user';
import type { Tenant } from '../domain/tenant';
import { PasswordHasher } from './ports/password-hasher.port';
import { TenantRepository } from './ports/tenant.repository.port';

export interface CreateTenantCommand {
  name: string;
  admin: { email: string; password: string };
  /** The plan to subscribe it to; the default plan when absent. */
  planCode?: string;
}

@Injectable()
export class CreateTenant {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: CreateTenantCommand): Promise<{ tenant: Tenant; adminId: string; planCode: string }> {
    assertAcceptablePassword(command.admin.password);
    const { tenant, admin, planCode } = await this.tenants.createWithAdmin({
      name: command.name.trim(),
      admin: { email: normaliseEmail(command.admin.email), passwordHash: await this.hasher.hash(command.admin.password) },
      planCode: command.planCode,
    });
    return { tenant, adminId: admin.id, planCode };
  }
}
