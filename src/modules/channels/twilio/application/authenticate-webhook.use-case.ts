import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { phoneFromAddress } from '../domain/whatsapp-address';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { TwilioSignatureValidator, WebhookParams } from './ports/twilio-signature.validator.port';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export type WebhookAuthentication =
  | { ok: true; number: WhatsappNumber }
  | { ok: false; reason: 'missing_signature' | 'unknown_number' | 'bad_signature' };

/** Finds the tenant's number from `To` and checks X-Twilio-Signature with that number's auth token. */
@Injectable()
export class AuthenticateTwilioWebhook {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly validator: TwilioSignatureValidator,
    private readonly secrets: SecretBox,
  ) {}

  async execute(input: { signature: string | undefined; publicUrl: string; params: WebhookParams }): Promise<WebhookAuthentication> {
    if (!input.signature) return { ok: false, reason: 'missing_signature' };
    const to = typeof input.params.To === 'string' ? phoneFromAddress(input.params.To) : null;
    const number = to ? await this.numbers.findByPhone(to) : null;
    if (!number) return { ok: false, reason: 'unknown_number' };
    const token = this.secrets.open(number.sealedAuthToken);
    if (!this.validator.isValid(token, input.signature, input.publicUrl, input.params)) return { ok: false, reason: 'bad_signature' };
    return { ok: true, number };
  }
}
