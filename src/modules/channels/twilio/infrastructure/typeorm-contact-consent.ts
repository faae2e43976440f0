import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { fitContactFields } from '@modules/identity/domain/contact';
import { ContactConsent, ContactStanding } from '../application/ports/contact-consent.port';

@Injectable()
export class TypeOrmContactConsent extends ContactConsent {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  inboundArrived(tenantId: string, phoneNumber: string): Promise<ContactStanding> {
    return this.db.forTenant(tenantId, async (em) => {
      // The same upsert the conversation's locator does later (with the profile): one row per phone, whoever comes first.
      const [row]: ContactStanding[] = await em.query(
        `INSERT INTO contacts (tenant_id, phone_number, last_inbound_at) VALUES ($1, $2, now())
         ON CONFLICT (tenant_id, phone_number) DO UPDATE SET last_inbound_at = GREATEST(contacts.last_inbound_at, EXCLUDED.last_inbound_at)
         RETURNING id AS "contactId", opted_out_at AS "optedOutAt"`,
        [tenantId, fitContactFields(phoneNumber).phoneNumber],
      );
      return row;
    });
  }

  optOut(tenantId: string, contactId: string): Promise<boolean> {
    return this.change(tenantId, `UPDATE contacts SET opted_out_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2 AND opted_out_at IS NULL RETURNING id`, contactId);
  }

  optIn(tenantId: string, contactId: string): Promise<boolean> {
    return this.change(tenantId, `UPDATE contacts SET opted_out_at = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND opted_out_at IS NOT NULL RETURNING id`, contactId);
  }

  private change(tenantId: string, sql: string, contactId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      // An UPDATE … RETURNING comes back from the pg driver as [rows, count].
      const [, count]: [unknown[], number] = await em.query(sql, [tenantId, contactId]);
      return count === 1;
    });
  }
}
