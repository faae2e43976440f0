import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { NumberNotFoundError, SandboxCredentialsError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export interface UpdateNumberCommand {
  tenantId: string;
  id: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
}

/**
 * Changes a number's Twilio credentials. A new auth token is sealed at once and takes effect for
 * the next webhook signature check and the next send; the old one stops working.
 */
@Injectable()
export class UpdateWhatsappNumber {
  private readonly logger = new Logger(UpdateWhatsappNumber.name);

  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly secrets: SecretBox,
  ) {}

  async execute(command: UpdateNumberCommand): Promise<WhatsappNumber> {
    const current = await this.numbers.findById(command.tenantId, command.id);
    if (!current) throw new NumberNotFoundError();
    const changes = command.twilioAccountSid !== undefined || command.twilioAuthToken !== undefined;
    if (!changes) return current;
    // The sandbox authenticates its own made-up credentials: real ones would make it speak for a Twilio account.
    if (current.isSandbox) throw new SandboxCredentialsError();
    const updated = await this.numbers.updateCredentials(command.tenantId, command.id, {
      twilioAccountSid: command.twilioAccountSid,
      sealedAuthToken: command.twilioAuthToken !== undefined ? this.secrets.seal(command.twilioAuthToken) : undefined,
    });
    if (!updated) throw new NumberNotFoundError();
    this.logger.log({ numberId: updated.id, tokenRotated: command.twilioAuthToken !== undefined }, 'WhatsApp number credentials changed');
    return updated;
  }
}
