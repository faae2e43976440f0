import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { phoneFromAddress } from '../domain/whatsapp-address';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { WebhookAuthentication } from './authenticate-webhook.use-case';
import { TwilioSignatureValidator, WebhookParams } from './ports/twilio-signature.validator.port';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

/**
 * A status callback is about a message a tenant's number sent: the number is `From`, or, when a
 * Messaging Service picked a sender Atende does not know, the number that sent the message with
 * that sid. X-Twilio-Signature is checked with that number's auth token, and the callback's
 * AccountSid must be the number's account.
 */
@Injectable()
export class AuthenticateStatusCallback {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly delivery: MessageDelivery,
    private readonly validator: TwilioSignatureValidator,
    private readonly secrets: SecretBox,
  ) {}

  async execute(input: { signature: string | undefined; publicUrl: string; params: WebhookParams }): Promise<WebhookAuthentication> {
    if (!input.signature) return { ok: false, reason: 'missing_signature' };
    const number = await this.sendingNumber(input.params);
    if (!number) return { ok: false, reason: 'unknown_number' };
    const token = this.secrets.open(number.sealedAuthToken);
    if (!this.validator.isValid(token, input.signature, input.publicUrl, input.params)) return { ok: false, reason: 'bad_signature' };
    if (single(input.params, 'AccountSid') !== number.twilioAccountSid) return { ok: false, reason: 'bad_signature' };
    return { ok: true, number };
  }

  private async sendingNumber(params: WebhookParams): Promise<WhatsappNumber | null> {
    const from = phoneFromAddress(single(params, 'From'));
    const byFrom = from ? await this.numbers.findByPhone(from) : null;
    if (byFrom) return byFrom;
    const sid = single(params, 'MessageSid') || single(params, 'SmsSid');
    const located = sid ? await this.delivery.locateBySid(sid) : null;
    return located ? this.numbers.findById(located.tenantId, located.whatsappNumberId) : null;
  }
}

function single(params: WebhookParams, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}
