import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { NewTenantWithAdmin, TenantRepository } from '../application/ports/tenant.repository.port';
import type { EntityManager } from 'typeorm';
import { EmailTakenError } from '../domain/identity.errors';
import { UnknownPlanError } from '../domain/plan.errors';
import type { StaffUser } from '../domain/staff-user';
import type { Tenant } from '../domain/tenant';
import { StaffUserOrmEntity, TenantOrmEntity } from './identity.orm-entities';
import { isUniqueViolation } from './pg-errors';

@Injectable()
export class TypeOrmTenantRepository extends TenantRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async createWithAdmin(input: NewTenantWithAdmin): Promise<{ tenant: Tenant; admin: StaffUser; planCode: string }> {
    try {
      return await this.db.asPlatform(async (em) => {
        const plan = await findPlanForNewTenant(em, input.planCode);
        const tenant = await em.save(em.create(TenantOrmEntity, { name: input.name, status: 'active' }));
        const admin = await em.save(
          em.create(StaffUserOrmEntity, { tenantId: tenant.id, email: input.admin.email, passwordHash: input.admin.passwordHash, role: 'tenant_admin' }),
        );
        await em.query(`INSERT INTO subscriptions (tenant_id, plan_id) VALUES ($1, $2)`, [tenant.id, plan.id]);
        return { tenant: toTenant(tenant), admin, planCode: plan.code };
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

/** The plan with this code, or the default plan when none is given. */
async function findPlanForNewTenant(em: EntityManager, planCode: string | undefined): Promise<{ id: string; code: string }> {
  const [plan]: { id: string; code: string }[] = planCode
    ? await em.query(`SELECT id, code FROM plans WHERE code = $1`, [planCode])
    : await em.query(`SELECT id, code FROM plans WHERE is_default`);
  if (!plan && planCode) throw new UnknownPlanError(planCode);
  if (!plan) throw new Error('the plan catalogue has no default plan');
  return plan;
}

function toTenant(row: TenantOrmEntity): Tenant {
  return { id: row.id, name: row.name, status: row.status, createdAt: row.createdAt };
}
