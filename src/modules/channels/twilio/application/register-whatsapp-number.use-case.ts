import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@core/crypto/secret-box';
import { MissingTwilioCredentialsError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export interface RegisterNumberCommand {
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  sandbox?: boolean;
}

/** A number with real Twilio credentials, or a sandbox number whose credentials we make up. */
@Injectable()
export class RegisterWhatsappNumber {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly secrets: SecretBox,
  ) {}

  execute(command: RegisterNumberCommand): Promise<WhatsappNumber> {
    const sandbox = command.sandbox === true;
    const accountSid = command.twilioAccountSid ?? (sandbox ? `AC${randomBytes(16).toString('hex')}` : undefined);
    const authToken = command.twilioAuthToken ?? (sandbox ? randomBytes(16).toString('hex') : undefined);
    if (!accountSid || !authToken) throw new MissingTwilioCredentialsError();
    return this.numbers.create({
      tenantId: command.tenantId,
      phoneNumber: command.phoneNumber,
      twilioAccountSid: accountSid,
      sealedAuthToken: this.secrets.seal(authToken),
      isSandbox: sandbox,
    });
  }
}
