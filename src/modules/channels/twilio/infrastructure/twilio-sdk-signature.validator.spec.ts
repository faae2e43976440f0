import { createHmac } from 'node:crypto';
import type { WebhookParams } from '../application/ports/twilio-signature.validator.port';
import { TwilioSdkSignatureValidator } from './twilio-sdk-signature.validator';

/**
 * Twilio's documented algorithm, written here independently of the SDK: the full URL, then every
 * parameter name followed by its value, names in sorted order (a repeated parameter contributes
 * name+value once per value, values sorted), HMAC-SHA1 with the auth token, base64.
 */
function twilioSignature(authToken: string, url: string, params: WebhookParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    const values = Array.isArray(value) ? [...value].sort() : [value];
    for (const v of values) data += key + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const AUTH_TOKEN = '12345678901234567890123456789012';
const WEBHOOK_URL = 'https://atende.example.com/webhooks/twilio/whatsapp';
const PARAMS: WebhookParams = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: 'whatsapp:+5511999990000',
  To: 'whatsapp:+14155238886',
  Body: 'Olá, quero saber o horário',
  NumMedia: '0',
};

describe('TwilioSdkSignatureValidator', () => {
  const validator = new TwilioSdkSignatureValidator();

  it('accepts a request signed with the account auth token', () => {
    const signature = twilioSignature(AUTH_TOKEN, WEBHOOK_URL, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, PARAMS)).toBe(true);
  });

  it('rejects a signature made with another auth token', () => {
    const forged = twilioSignature('another-token-another-token-0000', WEBHOOK_URL, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, forged, WEBHOOK_URL, PARAMS)).toBe(false);
  });

  it('rejects a request whose Body was changed after signing', () => {
    const signature = twilioSignature(AUTH_TOKEN, WEBHOOK_URL, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, { ...PARAMS, Body: 'Olá, quero saber o preço' })).toBe(false);
  });

  it('rejects a request carrying a parameter that was not signed', () => {
    const signature = twilioSignature(AUTH_TOKEN, WEBHOOK_URL, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, { ...PARAMS, ProfileName: 'Mallory' })).toBe(false);
  });

  it('rejects a signature made for another URL', () => {
    const signature = twilioSignature(AUTH_TOKEN, 'https://evil.example.com/webhooks/twilio/whatsapp', PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, PARAMS)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('rejects a request whose signature header is %s', (_label, signature) => {
    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, PARAMS)).toBe(false);
  });

  it('rejects a garbage signature of the wrong length without throwing', () => {
    expect(validator.isValid(AUTH_TOKEN, 'not-a-signature', WEBHOOK_URL, PARAMS)).toBe(false);
  });

  it('accepts a URL with a query string when the signature covers the full URL', () => {
    const url = `${WEBHOOK_URL}?tenant=acme&channel=whatsapp`;
    const signature = twilioSignature(AUTH_TOKEN, url, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, url, PARAMS)).toBe(true);
  });

  it('rejects a URL whose query string differs from the signed one', () => {
    const signature = twilioSignature(AUTH_TOKEN, `${WEBHOOK_URL}?tenant=acme`, PARAMS);

    expect(validator.isValid(AUTH_TOKEN, signature, `${WEBHOOK_URL}?tenant=globex`, PARAMS)).toBe(false);
    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, PARAMS)).toBe(false);
  });

  it('accepts repeated parameters, whichever order their values arrive in', () => {
    const params: WebhookParams = { ...PARAMS, NumMedia: '2', MediaUrl: ['https://m.example/b.jpg', 'https://m.example/a.jpg'] };
    const signature = twilioSignature(AUTH_TOKEN, WEBHOOK_URL, params);

    expect(validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, params)).toBe(true);
    expect(
      validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, { ...params, MediaUrl: ['https://m.example/a.jpg', 'https://m.example/b.jpg'] }),
    ).toBe(true);
  });

  it('rejects repeated parameters when one value was changed', () => {
    const params: WebhookParams = { ...PARAMS, MediaUrl: ['https://m.example/a.jpg', 'https://m.example/b.jpg'] };
    const signature = twilioSignature(AUTH_TOKEN, WEBHOOK_URL, params);

    expect(
      validator.isValid(AUTH_TOKEN, signature, WEBHOOK_URL, { ...params, MediaUrl: ['https://m.example/a.jpg', 'https://m.example/c.jpg'] }),
    ).toBe(false);
  });

  it('signs exactly as Twilio documents, so its signatures are accepted', () => {
    const url = `${WEBHOOK_URL}?tenant=acme`;
    const params: WebhookParams = { ...PARAMS, MediaUrl: ['https://m.example/z.jpg', 'https://m.example/y.jpg'] };
    const signature = validator.sign(AUTH_TOKEN, url, params);

    expect(signature).toBe(twilioSignature(AUTH_TOKEN, url, params));
    expect(validator.isValid(AUTH_TOKEN, signature, url, params)).toBe(true);
  });

  it('produces a different signature for a different auth token', () => {
    expect(validator.sign(AUTH_TOKEN, WEBHOOK_URL, PARAMS)).not.toBe(validator.sign('other-token', WEBHOOK_URL, PARAMS));
  });

  it('refuses, instead of throwing, a URL the SDK cannot parse (a base URL with a port followed by an absolute-form target)', () => {
    const url = 'http://localhost:3000http://evil.example/webhooks/twilio/inbound';

    expect(validator.isValid(AUTH_TOKEN, 'forged', url, PARAMS)).toBe(false);
  });
});
