import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { CredentialChange, NewWhatsappNumber, NumberDeletion, SendingChange, WhatsappNumberRepository } from '../application/ports/whatsapp-number.repository.port';
import { NumberTakenError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { WhatsappNumberOrmEntity } from './whatsapp-number.orm-entity';

@Injectable()
export class TypeOrmWhatsappNumberRepository extends WhatsappNumberRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  create(number: NewWhatsappNumber): Promise<WhatsappNumber> {
    return this.db.forTenant(number.tenantId, async (em) => {
      // The unique index sees every tenant's rows even under RLS: another tenant's number conflicts.
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO whatsapp_numbers (tenant_id, phone_number, twilio_account_sid, twilio_auth_token_sealed, is_sandbox)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (phone_number) DO NOTHING RETURNING id`,
        [number.tenantId, number.phoneNumber, number.twilioAccountSid, number.sealedAuthToken, number.isSandbox],
      );
      if (inserted.length === 0) throw new NumberTakenError();
      return em.findOneByOrFail(WhatsappNumberOrmEntity, { id: inserted[0].id });
    });
  }

  /** The webhook learns the tenant from `To`: cross-tenant by nature. */
  findByPhone(phoneNumber: string): Promise<WhatsappNumber | null> {
    return this.db.asPlatform((em) => em.findOneBy(WhatsappNumberOrmEntity, { phoneNumber }));
  }

  findById(tenantId: string, id: string): Promise<WhatsappNumber | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(WhatsappNumberOrmEntity, { tenantId, id }));
  }

  listForTenant(tenantId: string, page: { limit: number; offset: number }): Promise<Page<WhatsappNumber>> {
    return this.db.forTenant(tenantId, async (em) => {
      const [items, total] = await em.findAndCount(WhatsappNumberOrmEntity, {
        where: { tenantId },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: page.limit,
        skip: page.offset,
      });
      return { items, total };
    });
  }

  /** The sandbox's Twilio API authenticates by account SID before it knows the tenant. */
  findSandboxByAccountSid(accountSid: string): Promise<WhatsappNumber | null> {
    return this.db.asPlatform((em) => em.findOneBy(WhatsappNumberOrmEntity, { twilioAccountSid: accountSid, isSandbox: true }));
  }

  updateCredentials(tenantId: string, id: string, change: CredentialChange): Promise<WhatsappNumber | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const values = {
        ...(change.twilioAccountSid !== undefined ? { twilioAccountSid: change.twilioAccountSid } : {}),
        ...(change.sealedAuthToken !== undefined ? { sealedAuthToken: change.sealedAuthToken } : {}),
      };
      if (Object.keys(values).length > 0) await em.update(WhatsappNumberOrmEntity, { tenantId, id }, values);
      return em.findOneBy(WhatsappNumberOrmEntity, { tenantId, id });
    });
  }

  updateSending(tenantId: string, id: string, change: SendingChange): Promise<WhatsappNumber | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const values = {
        ...(change.messagingServiceSid !== undefined ? { messagingServiceSid: change.messagingServiceSid } : {}),
        ...(change.sendRatePerSecond !== undefined ? { sendRatePerSecond: change.sendRatePerSecond } : {}),
      };
      if (Object.keys(values).length > 0) await em.update(WhatsappNumberOrmEntity, { tenantId, id }, values);
      return em.findOneBy(WhatsappNumberOrmEntity, { tenantId, id });
    });
  }

  setDisabled(tenantId: string, id: string, disabled: boolean): Promise<WhatsappNumber | null> {
    return this.db.forTenant(tenantId, async (em) => {
      await em.query(
        `UPDATE whatsapp_numbers SET disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, now()) END, updated_at = now()
         WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, disabled],
      );
      return em.findOneBy(WhatsappNumberOrmEntity, { tenantId, id });
    });
  }

  deleteUnlessInUse(tenantId: string, id: string, inUse: () => Promise<boolean>): Promise<NumberDeletion> {
    return this.db.forTenant(tenantId, async (em) => {
      // FOR UPDATE waits for, then blocks, inserts that reference the number (their foreign-key check locks it too).
      const locked: unknown[] = await em.query(`SELECT id FROM whatsapp_numbers WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (locked.length === 0) return 'not_found';
      if (await inUse()) return 'in_use';
      await em.delete(WhatsappNumberOrmEntity, { tenantId, id });
      return 'deleted';
    });
  }
}
