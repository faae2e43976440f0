import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { NewStaffMember, StaffFilter, StaffPatch, StaffRepository } from '../application/ports/staff.repository.port';
import { EmailTakenError } from '../domain/identity.errors';
import type { StaffMember } from '../domain/staff-member';
import { StaffNotFoundError } from '../domain/staff.errors';
import { changedRows } from './changed-rows';
import { isUniqueViolation } from './pg-errors';

const VIEW = `id, tenant_id AS "tenantId", email, name, role,
  CASE WHEN disabled_at IS NULL THEN 'active' ELSE 'disabled' END AS status,
  created_at AS "createdAt", last_login_at AS "lastLoginAt"`;

/** Staff of one tenant: RLS holds the tenant, and every statement names it too (tenant_id = $1). */
@Injectable()
export class TypeOrmStaffRepository extends StaffRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async create(tenantId: string, member: NewStaffMember): Promise<StaffMember> {
    try {
      return await this.db.forTenant(tenantId, async (em) => {
        const rows: StaffMember[] = await em.query(
          `INSERT INTO staff_users (tenant_id, email, password_hash, role, name) VALUES ($1, $2, $3, $4, $5) RETURNING ${VIEW}`,
          [tenantId, member.email, member.passwordHash, member.role, member.name],
        );
        return rows[0];
      });
    } catch (error) {
      // staff_users_email_uq on lower(email) spans every tenant, RLS or not.
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  list(tenantId: string, filter: StaffFilter): Promise<Page<StaffMember>> {
    const params: unknown[] = [tenantId];
    const where = ['tenant_id = $1'];
    if (filter.role) where.push(`role = $${params.push(filter.role)}`);
    if (filter.status) where.push(filter.status === 'active' ? 'disabled_at IS NULL' : 'disabled_at IS NOT NULL');
    if (filter.q) {
      const n = params.push(`%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(email ILIKE $${n} OR name ILIKE $${n})`);
    }
    const condition = where.join(' AND ');
    return this.db.forTenant(tenantId, async (em) => {
      const [{ total }]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM staff_users WHERE ${condition}`, params);
      const items: StaffMember[] = await em.query(
        `SELECT ${VIEW} FROM staff_users WHERE ${condition} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      );
      return { items, total };
    });
  }

  findById(tenantId: string, id: string): Promise<StaffMember | null> {
    return this.db.forTenant(tenantId, (em) => one(em, `SELECT ${VIEW} FROM staff_users WHERE tenant_id = $1 AND id = $2`, [tenantId, id]));
  }

  findPlatformAdmin(id: string): Promise<StaffMember | null> {
    return this.db.asPlatform((em) => one(em, `SELECT ${VIEW} FROM staff_users WHERE id = $1 AND tenant_id IS NULL AND role = 'platform_admin'`, [id]));
  }

  lockActiveAdminIds(tenantId: string): Promise<string[]> {
    return this.db.forTenant(tenantId, async (em) => {
      // Ordered, so concurrent transactions take the row locks in the same order and cannot deadlock.
      const rows: { id: string }[] = await em.query(
        `SELECT id FROM staff_users WHERE tenant_id = $1 AND role = 'tenant_admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
        [tenantId],
      );
      return rows.map((row) => row.id);
    });
  }

  update(tenantId: string, id: string, patch: StaffPatch): Promise<StaffMember> {
    const params: unknown[] = [tenantId, id];
    const set = ['updated_at = now()'];
    if (patch.name !== undefined) set.push(`name = $${params.push(patch.name)}`);
    if (patch.role !== undefined) set.push(`role = $${params.push(patch.role)}`);
    if (patch.passwordHash !== undefined) set.push(`password_hash = $${params.push(patch.passwordHash)}`);
    if (patch.disabled !== undefined) set.push(patch.disabled ? 'disabled_at = COALESCE(disabled_at, now())' : 'disabled_at = NULL');
    return this.db.forTenant(tenantId, async (em) => {
      const [updated] = changedRows<StaffMember>(await em.query(`UPDATE staff_users SET ${set.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${VIEW}`, params));
      if (!updated) throw new StaffNotFoundError();
      return updated;
    });
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const deleted = await this.db.forTenant(tenantId, (em) => em.query(`DELETE FROM staff_users WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]));
    if (changedRows(deleted).length === 0) throw new StaffNotFoundError();
  }
}

async function one(em: EntityManager, sql: string, params: unknown[]): Promise<StaffMember | null> {
  const rows: StaffMember[] = await em.query(sql, params);
  return rows[0] ?? null;
}
