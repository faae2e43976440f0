import { isE164, phoneFromAddress, whatsappAddress } from './whatsapp-address';

describe('isE164', () => {
  it.each(['+5511999990000', '+14155238886', '+4930123456', '+1234567', '+123456789012345'])('accepts %s', (phone) => {
    expect(isE164(phone)).toBe(true);
  });

  it.each([
    ['no plus sign', '5511999990000'],
    ['a leading zero country code', '+0511999990000'],
    ['too short', '+123456'],
    ['too long', '+1234567890123456'],
    ['spaces', '+55 11 99999 0000'],
    ['dashes', '+1-415-523-8886'],
    ['letters', '+55119999abcd'],
    ['empty', ''],
  ])('rejects a number with %s', (_label, phone) => {
    expect(isE164(phone)).toBe(false);
  });
});

describe('phoneFromAddress', () => {
  it('strips the whatsapp: prefix Twilio puts on WhatsApp parties', () => {
    expect(phoneFromAddress('whatsapp:+5511999990000')).toBe('+5511999990000');
  });

  it('accepts the prefix in any case and surrounding whitespace', () => {
    expect(phoneFromAddress('  WhatsApp:+5511999990000 ')).toBe('+5511999990000');
  });

  it('accepts a bare E.164 number', () => {
    expect(phoneFromAddress('+14155238886')).toBe('+14155238886');
  });

  it.each(['whatsapp:5511999990000', 'sms:+5511999990000', 'whatsapp:', 'whatsapp:+55 11 99999 0000', ''])(
    'returns null for %p',
    (address) => {
      expect(phoneFromAddress(address)).toBeNull();
    },
  );
});

describe('whatsappAddress', () => {
  it('writes a phone number as a Twilio WhatsApp address that reads back to the same number', () => {
    const address = whatsappAddress('+5511999990000');

    expect(address).toBe('whatsapp:+5511999990000');
    expect(phoneFromAddress(address)).toBe('+5511999990000');
  });
});
