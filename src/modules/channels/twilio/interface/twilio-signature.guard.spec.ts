import { publicWebhookUrl } from './twilio-signature.guard';

describe('publicWebhookUrl: the URL Twilio signed', () => {
  it('is PUBLIC_BASE_URL plus the path and query of an origin-form target', () => {
    expect(publicWebhookUrl('https://atende.example/', '/webhooks/twilio/inbound?x=1')).toBe('https://atende.example/webhooks/twilio/inbound?x=1');
  });

  it('takes only the path and query of an absolute-form target, whatever host it names', () => {
    expect(publicWebhookUrl('http://localhost:3000', 'http://evil.example:8080/webhooks/twilio/status?x=1')).toBe('http://localhost:3000/webhooks/twilio/status?x=1');
    expect(publicWebhookUrl('http://localhost:3000', 'HTTPS://evil.example?x=1')).toBe('http://localhost:3000/?x=1');
  });
});
