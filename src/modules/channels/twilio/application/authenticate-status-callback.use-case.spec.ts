import { randomBytes } from 'node:crypto';
import { SecretBox } from '@core/crypto/secret-box';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { strict } from '@test/support/strict-fake';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { TwilioSdkSignatureValidator } from '../infrastructure/twilio-sdk-signature.validator';
import { AuthenticateStatusCallback } from './authenticate-status-callback.use-case';
import type { WebhookParams } from './ports/twilio-signature.validator.port';
import type { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

const STATUS_URL = 'https://atende.example.com/webhooks/twilio/status';
const TOKEN = 'acme-auth-token-0123456789abcdef';
const box = new SecretBox(randomBytes(32).toString('hex'));
const validator = new TwilioSdkSignatureValidator();
const ACME = {
  id: 'number-acme',
  tenantId: 'tenant-acme',
  phoneNumber: '+14155238886',
  twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
  sealedAuthToken: box.seal(TOKEN),
} as WhatsappNumber;

function form(overrides: WebhookParams): WebhookParams {
  return { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered', AccountSid: ACME.twilioAccountSid, From: 'whatsapp:+15550009999', ...overrides };
}

/** Numbers found only by phone; the platform-wide sid lookup is not given, so calling it fails the test. */
function build() {
  const numbers = strict<WhatsappNumberRepository>('WhatsappNumberRepository', { findByPhone: async (phone: string) => (phone === ACME.phoneNumber ? ACME : null) });
  const delivery = strict<MessageDelivery>('MessageDelivery', {});
  return new AuthenticateStatusCallback(numbers, delivery, validator, box);
}

const signed = (params: WebhookParams, token = TOKEN) => ({ signature: validator.sign(token, STATUS_URL, params), publicUrl: STATUS_URL, params });

describe('AuthenticateStatusCallback with a MessageSid that is not a Twilio sid', () => {
  it('refuses it without looking the sid up when From is no registered number', async () => {
    await expect(build().execute(signed(form({ MessageSid: 'SM0123\u0000' }), 'some-token'))).resolves.toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('calls it malformed once the number in From signed it, and forged when it did not', async () => {
    const fromAcme = form({ MessageSid: `${'SM0123456789abcdef0123456789abcdef'}\u0000`, From: `whatsapp:${ACME.phoneNumber}` });

    await expect(build().execute(signed(fromAcme))).resolves.toEqual({ ok: false, reason: 'malformed_sid' });
    await expect(build().execute(signed(fromAcme, 'not-the-token'))).resolves.toEqual({ ok: false, reason: 'bad_signature' });
  });
});
