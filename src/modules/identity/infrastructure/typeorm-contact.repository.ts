import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ContactRepository } from '../application/ports/contact.repository.port';
import type { Contact } from '../domain/contact';
import { ContactOrmEntity } from './identity.orm-entities';

@Injectable()
export class TypeOrmContactRepository extends ContactRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  upsert(tenantId: string, phoneNumber: string, details: { waId?: string; profileName?: string }): Promise<Contact> {
    return this.db.forTenant(tenantId, async (em) => {
      // ON CONFLICT keeps concurrent first messages from one customer on a single contact row.
      const rows: Contact[] = await em.query(
        `INSERT INTO contacts (tenant_id, phone_number, wa_id, profile_name)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, phone_number) DO UPDATE
           SET wa_id = COALESCE(EXCLUDED.wa_id, contacts.wa_id),
               profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name),
               updated_at = now()
         RETURNING id, tenant_id AS "tenantId", phone_number AS "phoneNumber", wa_id AS "waId", profile_name AS "profileName"`,
        [tenantId, phoneNumber, details.waId ?? null, details.profileName ?? null],
      );
      return rows[0];
    });
  }

  findById(tenantId: string, id: string): Promise<Contact | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(ContactOrmEntity, { tenantId, id }));
  }
}
