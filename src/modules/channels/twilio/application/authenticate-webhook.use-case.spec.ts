import { randomBytes } from 'node:crypto';
import { SecretBox } from '@core/crypto/secret-box';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { TwilioSdkSignatureValidator } from '../infrastructure/twilio-sdk-signature.validator';
import { AuthenticateTwilioWebhook } from './authenticate-webhook.use-case';
import type { WebhookParams } from './ports/twilio-signature.validator.port';
import type { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';
import { strict } from '@test/support/strict-fake';

const PUBLIC_URL = 'https://atende.example.com/webhooks/twilio/whatsapp';
const ACME_TOKEN = 'acme-auth-token-0123456789abcdef';
const GLOBEX_TOKEN = 'globex-auth-token-0123456789abcd';

const box = new SecretBox(randomBytes(32).toString('hex'));
const validator = new TwilioSdkSignatureValidator();

function number(id: string, tenantId: string, phoneNumber: string, authToken: string): WhatsappNumber {
  return {
    id,
    tenantId,
    phoneNumber,
    twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
    sealedAuthToken: box.seal(authToken),
    messagingServiceSid: null,
    sendRatePerSecond: 10,
    isSandbox: false,
    disabledAt: null,
    createdAt: new Date('2025-01-01T00:00:00Z'),
  };
}

const ACME = number('number-acme', 'tenant-acme', '+14155238886', ACME_TOKEN);
const GLOBEX = number('number-globex', 'tenant-globex', '+5511988887777', GLOBEX_TOKEN);

function params(overrides: WebhookParams = {}): WebhookParams {
  return {
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+5511999990000',
    To: 'whatsapp:+14155238886',
    Body: 'Olá!',
    NumMedia: '0',
    ...overrides,
  };
}

/** The use case over the real SecretBox and signature validator, with an in-memory number table. */
function build(numbers: WhatsappNumber[] = [ACME, GLOBEX]) {
  const lookups: string[] = [];
  const repository = strict<WhatsappNumberRepository>('WhatsappNumberRepository', {
    findByPhone: async (phone: string) => {
      lookups.push(phone);
      return numbers.find((n) => n.phoneNumber === phone) ?? null;
    },
  });
  return { useCase: new AuthenticateTwilioWebhook(repository, validator, box), lookups };
}

describe('AuthenticateTwilioWebhook', () => {
  it('accepts a request signed with its number\'s auth token and returns that number', async () => {
    const { useCase, lookups } = build();
    const webhook = params();

    const result = await useCase.execute({ signature: validator.sign(ACME_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: true, number: ACME });
    expect(lookups).toEqual(['+14155238886']);
  });

  it('finds each tenant\'s number from To and checks the signature with that number\'s own token', async () => {
    const { useCase } = build();
    const webhook = params({ To: 'whatsapp:+5511988887777' });

    const result = await useCase.execute({ signature: validator.sign(GLOBEX_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: true, number: GLOBEX });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('refuses a request whose signature is %s without looking up the number', async (_label, signature) => {
    const { useCase, lookups } = build();

    await expect(useCase.execute({ signature, publicUrl: PUBLIC_URL, params: params() })).resolves.toEqual({ ok: false, reason: 'missing_signature' });
    expect(lookups).toEqual([]);
  });

  it.each([
    ['without a plus', '14155238886'],
    ['too short', 'whatsapp:+1415'],
    ['not a phone', 'whatsapp:atende'],
    ['empty', ''],
  ])('refuses a To that is not a WhatsApp E.164 address (%s) as an unknown number, without a lookup', async (_label, to) => {
    const { useCase, lookups } = build();
    const webhook = params({ To: to });

    const result = await useCase.execute({ signature: validator.sign(ACME_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: false, reason: 'unknown_number' });
    expect(lookups).toEqual([]);
  });

  it.each([
    ['missing', undefined],
    ['repeated', ['whatsapp:+14155238886', 'whatsapp:+14155238886']],
  ])('refuses a request whose To is %s as an unknown number, without a lookup', async (_label, to) => {
    const { useCase, lookups } = build();
    const webhook = params();
    if (to === undefined) delete webhook.To;
    else webhook.To = to;

    const result = await useCase.execute({ signature: validator.sign(ACME_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: false, reason: 'unknown_number' });
    expect(lookups).toEqual([]);
  });

  it('refuses a well-formed To that no tenant holds as an unknown number', async () => {
    const { useCase, lookups } = build();
    const webhook = params({ To: 'whatsapp:+442071838750' });

    const result = await useCase.execute({ signature: validator.sign(ACME_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: false, reason: 'unknown_number' });
    expect(lookups).toEqual(['+442071838750']);
  });

  it('refuses a request signed with another auth token', async () => {
    const { useCase } = build();
    const webhook = params();

    const result = await useCase.execute({ signature: validator.sign('another-token-another-token-0000', PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a request to one tenant\'s number signed with another tenant\'s token', async () => {
    const { useCase } = build();
    const webhook = params({ To: 'whatsapp:+14155238886' });

    const result = await useCase.execute({ signature: validator.sign(GLOBEX_TOKEN, PUBLIC_URL, webhook), publicUrl: PUBLIC_URL, params: webhook });

    expect(result).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a request whose parameters changed after signing', async () => {
    const { useCase } = build();
    const signature = validator.sign(ACME_TOKEN, PUBLIC_URL, params());

    const result = await useCase.execute({ signature, publicUrl: PUBLIC_URL, params: params({ Body: 'Quero um reembolso' }) });

    expect(result).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('checks the signature against exactly the public URL it is given', async () => {
    const { useCase } = build();
    const webhook = params();
    const internalUrl = 'http://localhost:3000/webhooks/twilio/whatsapp';
    const withQuery = `${PUBLIC_URL}?tenant=acme`;

    const signedForPublic = validator.sign(ACME_TOKEN, PUBLIC_URL, webhook);
    const signedForInternal = validator.sign(ACME_TOKEN, internalUrl, webhook);
    const signedWithQuery = validator.sign(ACME_TOKEN, withQuery, webhook);

    await expect(useCase.execute({ signature: signedForPublic, publicUrl: PUBLIC_URL, params: webhook })).resolves.toMatchObject({ ok: true });
    await expect(useCase.execute({ signature: signedForInternal, publicUrl: PUBLIC_URL, params: webhook })).resolves.toEqual({ ok: false, reason: 'bad_signature' });
    await expect(useCase.execute({ signature: signedForPublic, publicUrl: internalUrl, params: webhook })).resolves.toEqual({ ok: false, reason: 'bad_signature' });
    await expect(useCase.execute({ signature: signedWithQuery, publicUrl: withQuery, params: webhook })).resolves.toMatchObject({ ok: true });
    await expect(useCase.execute({ signature: signedWithQuery, publicUrl: PUBLIC_URL, params: webhook })).resolves.toEqual({ ok: false, reason: 'bad_signature' });
  });
});
