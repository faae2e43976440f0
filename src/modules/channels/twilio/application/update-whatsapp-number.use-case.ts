import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { NumberNotFoundError, SandboxCredentialsError, SandboxMessagingServiceError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { SendingChange, WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export interface UpdateNumberCommand extends SendingChange {
  tenantId: string;
  id: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
}

/**
 * Changes a number's Twilio credentials and how it sends. A new auth token is sealed at once and
 * takes effect for the next webhook signature check and the next send; the old one stops working.
 * A Messaging Service and the send rate apply from the next message sent.
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
    const credentials = command.twilioAccountSid !== undefined || command.twilioAuthToken !== undefined;
    const sending = command.messagingServiceSid !== undefined || command.sendRatePerSecond !== undefined;
    // The sandbox authenticates its own made-up credentials: real ones would make it speak for a Twilio account.
    if (current.isSandbox && credentials) throw new SandboxCredentialsError();
    if (current.isSandbox && command.messagingServiceSid) throw new SandboxMessagingServiceError();
    let updated: WhatsappNumber | null = current;
    if (credentials) updated = await this.changeCredentials(command);
    if (updated && sending) {
      updated = await this.numbers.updateSending(command.tenantId, command.id, { messagingServiceSid: command.messagingServiceSid, sendRatePerSecond: command.sendRatePerSecond });
    }
    if (!updated) throw new NumberNotFoundError();
    return updated;
  }

  private async changeCredentials(command: UpdateNumberCommand): Promise<WhatsappNumber | null> {
    const updated = await this.numbers.updateCredentials(command.tenantId, command.id, {
      twilioAccountSid: command.twilioAccountSid,
      sealedAuthToken: command.twilioAuthToken !== undefined ? this.secrets.seal(command.twilioAuthToken) : undefined,
    });
    if (updated) this.logger.log({ numberId: updated.id, tokenRotated: command.twilioAuthToken !== undefined }, 'WhatsApp number credentials changed');
    return updated;
  }
}
