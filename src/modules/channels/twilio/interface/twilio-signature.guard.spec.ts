import { publicWebhookUrl, toWebhookParams } from './twilio-signature.guard';

describe('publicWebhookUrl: the URL Twilio signed', () => {
  it('is PUBLIC_BASE_URL plus the path and query of an origin-form target', () => {
    expect(publicWebhookUrl('https://atende.example/', '/webhooks/twilio/inbound?x=1')).toBe('https://atende.example/webhooks/twilio/inbound?x=1');
  });

  it('takes only the path and query of an absolute-form target, whatever host it names', () => {
    expect(publicWebhookUrl('http://localhost:3000', 'http://evil.example:8080/webhooks/twilio/status?x=1')).toBe('http://localhost:3000/webhooks/twilio/status?x=1');
    expect(publicWebhookUrl('http://localhost:3000', 'HTTPS://evil.example?x=1')).toBe('http://localhost:3000/?x=1');
  });
});

describe('toWebhookParams', () => {
  it('keeps every field of the parsed form as its own property, one named "__proto__" included (the signature covers it)', () => {
    // As the form parser gives it: own properties, "__proto__" included (JSON.parse makes it an own property too).
    const parsed: unknown = JSON.parse('{"Body": "oi", "__proto__": ["a", "b"], "NumMedia": 3}');

    const params = toWebhookParams(parsed);

    expect(Object.keys(params)).toEqual(['Body', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });
});
