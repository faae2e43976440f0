import { MediaSourcePolicy } from './media-source';

const MEDIA = '/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';

describe('MediaSourcePolicy', () => {
  const real = new MediaSourcePolicy('https://api.twilio.com');
  const standIn = new MediaSourcePolicy('http://127.0.0.1:4010/');

  it.each([`https://api.twilio.com${MEDIA}`, `https://api.dublin.ie1.twilio.com${MEDIA}`])('takes media from Twilio: %s', (url) => {
    expect(real.allowsSource(new URL(url))).toBe(true);
  });

  it.each([
    `http://api.twilio.com${MEDIA}`,
    `https://api.twilio.com:8443${MEDIA}`,
    `https://user:pw@api.twilio.com${MEDIA}`,
    `https://evil-api.twilio.com${MEDIA}`,
    `https://api.twilio.com.evil.example${MEDIA}`,
    'https://mms.twiliocdn.com/AC1/abc',
    `http://127.0.0.1:4010${MEDIA}`,
  ])('refuses media from %s with the real API configured', (url) => {
    expect(real.allowsSource(new URL(url))).toBe(false);
  });

  it('takes media from the configured API base, and from no other port of its host', () => {
    expect(standIn.allowsSource(new URL(`http://127.0.0.1:4010${MEDIA}`))).toBe(true);
    expect(standIn.allowsSource(new URL(`http://127.0.0.1:4011${MEDIA}`))).toBe(false);
    expect(standIn.allowsSource(new URL(`http://localhost:4010${MEDIA}`))).toBe(false);
    expect(standIn.mayBePrivate(new URL(`http://127.0.0.1:4010${MEDIA}`))).toBe(true);
    expect(standIn.mayBePrivate(new URL(`http://127.0.0.1:4011${MEDIA}`))).toBe(false);
  });

  it.each([
    'https://mms.twiliocdn.com/AC1/abc?Expires=1&Signature=x',
    'https://media.twiliocdn.com/AC1/abc',
    'https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc',
    `https://api.twilio.com${MEDIA}`,
  ])("follows a redirect to Twilio's media CDN: %s", (url) => {
    expect(real.allowsRedirect(new URL(url))).toBe(true);
  });

  it.each([
    'http://mms.twiliocdn.com/AC1/abc',
    'https://mms.twiliocdn.com:444/AC1/abc',
    'https://evil.twiliocdn.com.example/AC1/abc',
    'https://s3-external-1.amazonaws.com/other-bucket/abc',
    'https://s3-external-1.amazonaws.com/media.twiliocdn.com.evil/abc',
    'https://example.com/abc',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses a redirect to %s', (url) => {
    expect(real.allowsRedirect(new URL(url))).toBe(false);
    expect(real.mayBePrivate(new URL(url))).toBe(false);
  });
});
