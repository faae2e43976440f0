import { Injectable, OnModuleInit } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Contact } from '@modules/identity/domain/contact';
import { exportRecord, PersonalDataRegistry, PersonalDataSource } from '@modules/identity/application/personal-data';
import { whatsappAddress } from '../domain/whatsapp-address';

/** Messages the built-in sandbox kept for a contact (sandbox_messages), for LGPD/GDPR export and erasure. */
@Injectable()
export class SandboxMessagesPersonalData extends PersonalDataSource implements OnModuleInit {
  readonly section = 'sandboxMessages';

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
      const rows = (await em.query(`SELECT * FROM sandbox_messages WHERE tenant_id = $1 AND (to_address = $2 OR from_address = $2) ORDER BY created_at, id`, [
        tenantId,
        whatsappAddress(contact.phoneNumber),
      ])) as Record<string, unknown>[];
      return rows.map(exportRecord);
    });
  }

  erase(tenantId: string, contact: Contact): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => {
      const [, affected] = (await em.query(`DELETE FROM sandbox_messages WHERE tenant_id = $1 AND (to_address = $2 OR from_address = $2)`, [
        tenantId,
        whatsappAddress(contact.phoneNumber),
      ])) as [unknown, number];
      return affected;
    });
  }
}
