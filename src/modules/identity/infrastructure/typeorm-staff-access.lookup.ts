import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { StaffAccessLookup } from '../application/ports/staff-access.lookup.port';
import type { StaffAccess } from '../domain/staff-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs on every authenticated request, before the caller's tenant can be trusted: platform-scoped,
 * by primary key, one query joining the tenant's status.
 */
@Injectable()
export class TypeOrmStaffAccessLookup extends StaffAccessLookup {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async find(userId: string): Promise<StaffAccess | null> {
    if (!UUID.test(userId)) return null;
    const rows: StaffAccess[] = await this.db.asPlatform((em) =>
      em.query(
        `SELECT u.id AS "userId", u.tenant_id AS "tenantId", u.role, u.disabled_at IS NOT NULL AS disabled, t.status AS "tenantStatus"
         FROM staff_users u LEFT JOIN tenants t ON t.id = u.tenant_id
         WHERE u.id = $1`,
        [userId],
      ),
    );
    return rows[0] ?? null;
  }
}
