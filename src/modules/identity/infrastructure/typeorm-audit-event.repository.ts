import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { AuditEventFilter, AuditEventRepository } from '../application/ports/audit-event.repository.port';
import type { AuditEvent, NewAuditEvent } from '../domain/audit-event';
import { AuditEventOrmEntity } from './audit-event.orm-entity';


@Injectable()
export class TypeOrmAuditEventRepository extends AuditEventRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  /** In the transaction of the write it records, when one of the event's scope is open (AuditTrail.recordWrite). */
  async append(event: NewAuditEvent): Promise<void> {
    if (!event.tenantId) {
      await this.db.asPlatform((em) => insert(em, event));
      return;
    }
    const tenantId = event.tenantId;
    const inserted = await this.db.forTenant(tenantId, (em) => insert(em, event));
    // The action deleted its own tenant: keep it as a platform event.
    if (!inserted) await this.db.asPlatform((em) => insert(em, { ...event, tenantId: null, details: { ...event.details, tenantId } }));
  }

  listForTenant(tenantId: string, filter: AuditEventFilter): Promise<Page<AuditEvent>> {
    return this.db.forTenant(tenantId, (em) => page(em, { ...filter, tenantId }));
  }

  /** Platform admins read across tenants: cross-tenant by nature. */
  listAcrossTenants(filter: AuditEventFilter & { tenantId?: string }): Promise<Page<AuditEvent>> {
    return this.db.asPlatform((em) => page(em, filter));
  }
}

/** False when the event's tenant no longer exists (checked in the statement: a failed insert would abort the transaction). */
async function insert(em: EntityManager, e: NewAuditEvent): Promise<boolean> {
  const cut = (value: string | null, length: number) => (value === null ? null : value.slice(0, length));
  const rows: unknown[] = await em.query(
    `INSERT INTO audit_events (tenant_id, actor_id, actor_role, action, target_type, target_id, details, ip, correlation_id)
     SELECT $1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8, $9
     WHERE $1::uuid IS NULL OR EXISTS (SELECT 1 FROM tenants WHERE id = $1::uuid)
     RETURNING id`,
    [
      e.tenantId,
      e.actorId,
      cut(e.actorRole, 20),
      cut(e.action, 120),
      cut(e.targetType, 60),
      cut(e.targetId, 64),
      JSON.stringify(e.details),
      cut(e.ip, 64),
      cut(e.correlationId, 64),
    ],
  );
  return rows.length > 0;
}

async function page(em: EntityManager, filter: AuditEventFilter & { tenantId?: string }): Promise<Page<AuditEvent>> {
  const query = em.createQueryBuilder(AuditEventOrmEntity, 'e');
  if (filter.tenantId) query.andWhere('e.tenantId = :tenantId', { tenantId: filter.tenantId });
  if (filter.actorId) query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
  if (filter.action) query.andWhere('starts_with(e.action, :action)', { action: filter.action });
  const [items, total] = await query
    .orderBy('e.createdAt', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .take(filter.limit)
    .skip(filter.offset)
    .getManyAndCount();
  return { items, total };
}
