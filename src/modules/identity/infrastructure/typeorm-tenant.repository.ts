import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { NewTenantWithAdmin, TenantRepository } from '../application/ports/tenant.repository.port';
import { EmailTakenError } from '../domain/identity.errors';
import type { StaffUser } from '../domain/staff-user';
import type { Tenant } from '../domain/tenant';
import { StaffUserOrmEntity, TenantOrmEntity } from './identity.orm-entities';
import { isUniqueViolation } from './pg-errors';

@Injectable()
export class TypeOrmTenantRepository extends TenantRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(TenantOrmEntity) private readonly tenants: Repository<TenantOrmEntity>,
  ) {
    super();
  }

  async createWithAdmin(input: NewTenantWithAdmin): Promise<{ tenant: Tenant; admin: StaffUser }> {
    try {
      return await this.db.transaction(async (em) => {
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

  async findById(id: string): Promise<Tenant | null> {
    const row = await this.tenants.findOneBy({ id });
    return row ? toTenant(row) : null;
  }

  async findByName(name: string): Promise<Tenant | null> {
    const row = await this.tenants.findOne({ where: { name }, order: { createdAt: 'ASC' } });
    return row ? toTenant(row) : null;
  }
}

function toTenant(row: TenantOrmEntity): Tenant {
  return { id: row.id, name: row.name, status: row.status, createdAt: row.createdAt };
}
