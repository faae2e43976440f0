import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { NumberNotFoundError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

/** Read side for tenant admins: always the caller's tenant; another tenant's id is a 404. */
@Injectable()
export class WhatsappNumberQueries {
  constructor(private readonly numbers: WhatsappNumberRepository) {}

  list(tenantId: string, page: { limit: number; offset: number }): Promise<Page<WhatsappNumber>> {
    return this.numbers.listForTenant(tenantId, page);
  }

  async get(tenantId: string, id: string): Promise<WhatsappNumber> {
    const number = await this.numbers.findById(tenantId, id);
    if (!number) throw new NumberNotFoundError();
    return number;
  }
}
