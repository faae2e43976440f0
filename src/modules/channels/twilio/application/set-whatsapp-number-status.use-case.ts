import { Injectable, Logger } from '@nestjs/common';
import { NumberNotFoundError } from '../domain/twilio.errors';
import type { WhatsappNumber, WhatsappNumberStatus } from '../domain/whatsapp-number';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

/**
 * Disables or enables a number. Disabled, its webhooks are still checked and stored (nothing is
 * lost) but not answered, and its outbound messages fail instead of reaching Twilio. Idempotent.
 */
@Injectable()
export class SetWhatsappNumberStatus {
  private readonly logger = new Logger(SetWhatsappNumberStatus.name);

  constructor(private readonly numbers: WhatsappNumberRepository) {}

  async execute(tenantId: string, id: string, status: WhatsappNumberStatus): Promise<WhatsappNumber> {
    const number = await this.numbers.setDisabled(tenantId, id, status === 'disabled');
    if (!number) throw new NumberNotFoundError();
    this.logger.log({ numberId: id, status }, 'WhatsApp number status set');
    return number;
  }
}
