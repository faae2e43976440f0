import { Injectable, OnModuleInit } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Contact } from '@modules/identity/domain/contact';
import { exportRecord, PersonalDataRegistry, PersonalDataSource } from '@modules/identity/application/personal-data';

/**
 * A contact's long-term memories (L3), for LGPD/GDPR export (without the vectors) and erasure. The
 * contact's deletion would cascade to them; erasing them here first counts them in the record.
 */
@Injectable()
export class ContactMemoriesPersonalData extends PersonalDataSource implements OnModuleInit {
  readonly section = 'contactMemories';
  override readonly references = ['conversations'];

  constructor(
    private readonly db: ScopedDb,
    private readonly registry: PersonalDataRegistry,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(tenantId: string, contact: Contact): Promise<unknown> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows = (await em.query(
        `SELECT id, kind, content, conversation_id, created_at FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2 ORDER BY created_at, id`,
        [tenantId, contact.id],
      )) as Record<string, unknown>[];
      return rows.map(exportRecord);
    });
  }

  erase(tenantId: string, contact: Contact): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => {
      const [, affected] = (await em.query(`DELETE FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2`, [tenantId, contact.id])) as [unknown, number];
      return affected;
    });
  }
}
