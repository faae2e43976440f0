import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { StaffRoster } from '../application/ports/staff-roster.port';

/** Reads identity's staff_users read-only, inside the tenant's RLS scope. */
@Injectable()
export class TypeOrmStaffRoster extends StaffRoster {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  activeAmong(tenantId: string, staffIds: string[]): Promise<string[]> {
    const ids = staffIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.forTenant(tenantId, async (em) => {
      const rows: { id: string }[] = await em.query(
        `SELECT id FROM staff_users
          WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND disabled_at IS NULL AND role IN ('tenant_admin', 'agent')
          ORDER BY id`,
        [tenantId, ids],
      );
      return rows.map((r) => r.id);
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
