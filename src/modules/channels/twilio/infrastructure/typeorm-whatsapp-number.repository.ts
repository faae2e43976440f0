import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NewWhatsappNumber, WhatsappNumberRepository } from '../application/ports/whatsapp-number.repository.port';
import { NumberTakenError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { WhatsappNumberOrmEntity } from './whatsapp-number.orm-entity';

@Injectable()
export class TypeOrmWhatsappNumberRepository extends WhatsappNumberRepository {
  constructor(@InjectRepository(WhatsappNumberOrmEntity) private readonly rows: Repository<WhatsappNumberOrmEntity>) {
    super();
  }

  async create(number: NewWhatsappNumber): Promise<WhatsappNumber> {
    const inserted: { id: string }[] = await this.rows.query(
      `INSERT INTO whatsapp_numbers (tenant_id, phone_number, twilio_account_sid, twilio_auth_token_sealed, is_sandbox)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (phone_number) DO NOTHING RETURNING id`,
      [number.tenantId, number.phoneNumber, number.twilioAccountSid, number.sealedAuthToken, number.isSandbox],
    );
    if (inserted.length === 0) throw new NumberTakenError();
    return this.rows.findOneByOrFail({ id: inserted[0].id });
  }

  findByPhone(phoneNumber: string): Promise<WhatsappNumber | null> {
    return this.rows.findOneBy({ phoneNumber });
  }

  findById(tenantId: string, id: string): Promise<WhatsappNumber | null> {
    return this.rows.findOneBy({ tenantId, id });
  }

  listForTenant(tenantId: string): Promise<WhatsappNumber[]> {
    return this.rows.find({ where: { tenantId }, order: { createdAt: 'ASC' } });
  }

  findSandboxByAccountSid(accountSid: string): Promise<WhatsappNumber | null> {
    return this.rows.findOneBy({ twilioAccountSid: accountSid, isSandbox: true });
  }
}
