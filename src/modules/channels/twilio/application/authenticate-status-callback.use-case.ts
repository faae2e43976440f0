import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isTwilioMessageSid } from '@modules/conversation/domain/inbound-dedupe';
import { phoneFromAddress } from '../domain/whatsapp-address';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { WebhookAuthentication } from './authenticate-webhook.use-case';
import { TwilioSignatureValidator, WebhookParams } from './ports/twilio-signature.validator.port';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';
import { singleParam } from './storable-params';

/** 'malformed_sid': signed by the number in From, but the message sid is not a Twilio one (a 400). */
export type StatusCallbackAuthentication = WebhookAuthentication | { ok: false; reason: 'malformed_sid' };

/**
 * A status callback is about a message a tenant's number sent: the number is `From`, or, when a
 * Messaging Service picked a sender Atende does not know, the number that sent the message with
 * that sid. X-Twilio-Signature is checked with that number's auth token, and the callback's
 * AccountSid must be the number's account. A sid that is not a Twilio message sid is never looked up:
 * such a callback can only be authenticated by its From.
 */
@Injectable()
export class AuthenticateStatusCallback {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly delivery: MessageDelivery,
    private readonly validator: TwilioSignatureValidator,
    private readonly secrets: SecretBox,
  ) {}

  async execute(input: { signature: string | undefined; publicUrl: string; params: WebhookParams }): Promise<StatusCallbackAuthentication> {
    if (!input.signature) return { ok: false, reason: 'missing_signature' };
    const sid = messageSidOf(input.params);
    const malformed = sid !== '' && !isTwilioMessageSid(sid);
    const number = await this.sendingNumber(input.params, malformed ? '' : sid);
    if (!number) return { ok: false, reason: malformed ? 'bad_signature' : 'unknown_number' };
    const token = this.secrets.open(number.sealedAuthToken);
    if (!this.validator.isValid(token, input.signature, input.publicUrl, input.params)) return { ok: false, reason: 'bad_signature' };
    if (singleParam(input.params, 'AccountSid') !== number.twilioAccountSid) return { ok: false, reason: 'bad_signature' };
    return malformed ? { ok: false, reason: 'malformed_sid' } : { ok: true, number };
  }

  private async sendingNumber(params: WebhookParams, sid: string): Promise<WhatsappNumber | null> {
    const from = phoneFromAddress(singleParam(params, 'From'));
    const byFrom = from ? await this.numbers.findByPhone(from) : null;
    if (byFrom) return byFrom;
    const located = sid ? await this.delivery.locateBySid(sid) : null;
    return located ? this.numbers.findById(located.tenantId, located.whatsappNumberId) : null;
  }
}

/** The callback's message sid as Twilio sent it ('' when absent). */
export function messageSidOf(params: WebhookParams): string {
  return (singleParam(params, 'MessageSid') || singleParam(params, 'SmsSid')).trim();
}
