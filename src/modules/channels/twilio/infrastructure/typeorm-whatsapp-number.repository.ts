import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { NewWhatsappNumber, WhatsappNumberRepository } from '../application/ports/whatsapp-number.repository.port';
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

  listForTenant(tenantId: string): Promise<WhatsappNumber[]> {
    return this.db.forTenant(tenantId, (em) => em.find(WhatsappNumberOrmEntity, { where: { tenantId }, order: { createdAt: 'ASC' } }));
  }

  /** The sandbox's Twilio API authenticates by account SID before it knows the tenant. */
  findSandboxByAccountSid(accountSid: string): Promise<WhatsappNumber | null> {
    return this.db.asPlatform((em) => em.findOneBy(WhatsappNumberOrmEntity, { twilioAccountSid: accountSid, isSandbox: true }));
  }
}
