import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { ContactErasure, ContactErasureLog, NewContactErasure } from '../application/ports/contact-erasure.log.port';

const COLUMNS = `id, contact_id AS "contactId", phone_hmac AS "phoneFingerprint", erased_by AS "erasedBy", removed, erased_at AS "erasedAt"`;

@Injectable()
export class TypeOrmContactErasureLog extends ContactErasureLog {
  constructor(
    private readonly db: ScopedDb,
    private readonly secrets: SecretBox,
  ) {
    super();
  }

  async record(erasure: NewContactErasure): Promise<void> {
    const phoneFingerprint = this.secrets.fingerprint(erasure.phoneNumber);
    await this.db.forTenant(erasure.tenantId, (em) =>
      em.query(`INSERT INTO contact_erasures (tenant_id, contact_id, phone_hmac, erased_by, removed) VALUES ($1, $2, $3, $4, $5)`, [
        erasure.tenantId,
        erasure.contactId,
        phoneFingerprint,
        erasure.erasedBy,
        JSON.stringify(erasure.removed),
      ]),
    );
  }

  list(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ContactErasure>> {
    return this.db.forTenant(tenantId, async (em) => {
      const items: ContactErasure[] = await em.query(
        `SELECT ${COLUMNS} FROM contact_erasures WHERE tenant_id = $1 ORDER BY erased_at DESC, id ASC LIMIT $2 OFFSET $3`,
        [tenantId, page.limit, page.offset],
      );
      const [{ total }]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM contact_erasures WHERE tenant_id = $1`, [tenantId]);
      return { items, total };
    });
  }
}
