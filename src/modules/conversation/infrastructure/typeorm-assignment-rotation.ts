import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { AssignmentRotation } from '../application/ports/assignment-rotation.port';

/** Reads and moves the pointer in conversation_settings; a tenant without a settings row never auto-assigns. */
@Injectable()
export class TypeOrmAssignmentRotation extends AssignmentRotation {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  lock(tenantId: string): Promise<{ enabled: boolean; lastAssigned: string | null }> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: { auto_assign: boolean; last_assigned_staff_id: string | null }[] = await em.query(
        `SELECT auto_assign, last_assigned_staff_id FROM conversation_settings WHERE tenant_id = $1 FOR UPDATE`,
        [tenantId],
      );
      return { enabled: row?.auto_assign ?? false, lastAssigned: row?.last_assigned_staff_id ?? null };
    });
  }

  async advance(tenantId: string, staffId: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.query(`UPDATE conversation_settings SET last_assigned_staff_id = $2 WHERE tenant_id = $1`, [tenantId, staffId]));
  }
}
