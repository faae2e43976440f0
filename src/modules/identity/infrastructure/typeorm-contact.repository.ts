import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { ContactChanges, ContactFilter, ContactRepository } from '../application/ports/contact.repository.port';
import { fitContactFields } from '../domain/contact';
import type { Contact, ContactProfile } from '../domain/contact';
import { ContactOrmEntity } from './identity.orm-entities';

@Injectable()
export class TypeOrmContactRepository extends ContactRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  upsert(tenantId: string, phoneNumber: string, details: { waId?: string; profileName?: string }): Promise<Contact> {
    const fitted = fitContactFields(phoneNumber, details);
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
        [tenantId, fitted.phoneNumber, fitted.waId, fitted.profileName],
      );
      return rows[0];
    });
  }

  findById(tenantId: string, id: string): Promise<ContactProfile | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(ContactOrmEntity, { tenantId, id }));
  }

  lock(tenantId: string, id: string): Promise<ContactProfile | null> {
    return this.db.forTenant(tenantId, (em) =>
      em.createQueryBuilder(ContactOrmEntity, 'c').setLock('pessimistic_write').where('c.tenantId = :tenantId AND c.id = :id', { tenantId, id }).getOne(),
    );
  }

  list(tenantId: string, filter: ContactFilter): Promise<Page<ContactProfile>> {
    return this.db.forTenant(tenantId, async (em) => {
      const query = em.createQueryBuilder(ContactOrmEntity, 'c').where('c.tenantId = :tenantId', { tenantId });
      if (filter.q) {
        const pattern = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
        query.andWhere(
          new Brackets((any) => any.where('c.phoneNumber ILIKE :pattern').orWhere('c.profileName ILIKE :pattern').orWhere('c.displayName ILIKE :pattern')),
          { pattern },
        );
      }
      // @> rather than ANY() so that the GIN index on tags serves the filter.
      if (filter.tag) query.andWhere('c.tags @> ARRAY[:tag]::text[]', { tag: filter.tag });
      if (filter.optedOut !== undefined) query.andWhere(filter.optedOut ? 'c.optedOutAt IS NOT NULL' : 'c.optedOutAt IS NULL');
      const [items, total] = await query.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'ASC').offset(filter.offset).limit(filter.limit).getManyAndCount();
      return { items, total };
    });
  }

  update(tenantId: string, id: string, changes: ContactChanges): Promise<ContactProfile | null> {
    return this.db.forTenant(tenantId, async (em) => {
      if (Object.keys(changes).length > 0) await em.update(ContactOrmEntity, { tenantId, id }, changes);
      return em.findOneBy(ContactOrmEntity, { tenantId, id });
    });
  }

  async recordThrottled(tenantId: string, id: string, until: Date): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.query(
        `UPDATE contacts SET throttled_count = throttled_count + 1, throttled_until = GREATEST(throttled_until, $3::timestamptz), updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, until.toISOString()],
      ),
    );
  }

  delete(tenantId: string, id: string): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => (await em.delete(ContactOrmEntity, { tenantId, id })).affected ?? 0);
  }
}
