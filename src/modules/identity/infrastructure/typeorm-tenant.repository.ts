import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { NewTenantWithAdmin, TenantRepository } from '../application/ports/tenant.repository.port';
import { EmailTakenError } from '../domain/identity.errors';
import type { StaffUser } from '../domain/staff-user';
import type { Tenant } from '../domain/tenant';
import { StaffUserOrmEntity, TenantOrmEntity } from './identity.orm-entities';
import { isUniqueViolation } from './pg-errors';

@Injectable()
export class TypeOrmTenantRepository extends TenantRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async createWithAdmin(input: NewTenantWithAdmin): Promise<{ tenant: Tenant; admin: StaffUser }> {
    try {
      return await this.db.asPlatform(async (em) => {
        const tenant = await em.save(em.create(TenantOrmEntity, { name: input.name, status: 'active' }));
        const admin = await em.save(
          em.create(StaffUserOrmEntity, { tenantId: tenant.id, email: input.admin.email, passwordHash: input.admin.passwordHash, role: 'tenant_admin' }),
        );
        return { tenant: toTenant(tenant), admin };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  /** A tenant reads its own row through RLS; no platform scope needed. */
  findById(id: string): Promise<Tenant | null> {
    return this.db.forTenant(id, async (em) => {
      const row = await em.findOneBy(TenantOrmEntity, { id });
      return row ? toTenant(row) : null;
    });
  }

  findByName(name: string): Promise<Tenant | null> {
    return this.db.asPlatform(async (em) => {
      const row = await em.findOne(TenantOrmEntity, { where: { name }, order: { createdAt: 'ASC' } });
      return row ? toTenant(row) : null;
    });
  }
}

function toTenant(row: TenantOrmEntity): Tenant {
  return { id: row.id, name: row.name, status: row.status, createdAt: row.createdAt };
}
