import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import type { EntityManager } from 'typeorm';
import { TenantCatalogue, TenantFilter } from '../application/ports/tenant-catalogue.port';
import type { TenantDetails, TenantStatus } from '../domain/tenant';
import { changedRows } from './changed-rows';
import { tenantPlanIdSql } from './plan-rows';

const DETAILS = `t.id, t.name, t.status, t.suspended_at, t.created_at,
  (SELECT p.code FROM plans p WHERE p.id = ${tenantPlanIdSql('t.id')}) AS plan_code`;

interface TenantRow {
  id: string;
  name: string;
  status: TenantStatus;
  suspended_at: Date | null;
  created_at: Date;
  plan_code: string | null;
}

/** The list is cross-tenant by nature (platform scope); everything else runs in the one tenant's scope. */
@Injectable()
export class TypeOrmTenantCatalogue extends TenantCatalogue {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  list(filter: TenantFilter): Promise<Page<TenantDetails>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`t.status = $${params.length}`);
    }
    if (filter.nameContains) {
      params.push(`%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`t.name ILIKE $${params.length}`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.asPlatform(async (em) => {
      const rows: TenantRow[] = await em.query(
        `SELECT ${DETAILS} FROM tenants t ${whereSql} ORDER BY t.created_at DESC, t.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      );
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM tenants t ${whereSql}`, params);
      return { items: rows.map(toDetails), total };
    });
  }

  find(tenantId: string): Promise<TenantDetails | null> {
    return this.db.forTenant(tenantId, (em) => this.details(em, tenantId));
  }

  rename(tenantId: string, name: string): Promise<TenantDetails | null> {
    return this.db.forTenant(tenantId, async (em) => {
      await em.query(`UPDATE tenants SET name = $2, updated_at = now() WHERE id = $1`, [tenantId, name]);
      return this.details(em, tenantId);
    });
  }

  setStatus(tenantId: string, status: TenantStatus, at: Date): Promise<TenantDetails | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const changed = changedRows(
        await em.query(
          `UPDATE tenants SET status = $2::varchar, updated_at = now(),
             suspended_at = CASE WHEN $2::varchar = 'active' THEN NULL ELSE COALESCE(suspended_at, $3::timestamptz) END
           WHERE id = $1 RETURNING id`,
          [tenantId, status, at],
        ),
      );
      return changed.length ? this.details(em, tenantId) : null;
    });
  }

  private async details(em: EntityManager, tenantId: string): Promise<TenantDetails | null> {
    const [row]: TenantRow[] = await em.query(`SELECT ${DETAILS} FROM tenants t WHERE t.id = $1`, [tenantId]);
    return row ? toDetails(row) : null;
  }
}

function toDetails(row: TenantRow): TenantDetails {
  if (!row.plan_code) throw new Error(`tenant ${row.id} has no plan and the catalogue no default plan`);
  return { id: row.id, name: row.name, status: row.status, suspendedAt: row.suspended_at, createdAt: row.created_at, planCode: row.plan_code };
}
