import { admitInbound, inboundDedupeKey, isTwilioMessageSid } from './inbound-dedupe';

const HEX32 = '0123456789abcdef0123456789ABCDEF';

describe('isTwilioMessageSid', () => {
  it.each([`SM${HEX32}`, `MM${HEX32}`])('accepts a Twilio message id %s', (sid) => {
    expect(isTwilioMessageSid(sid)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['an account sid', `AC${HEX32}`],
    ['a lower-case prefix', `sm${HEX32}`],
    ['one hex digit short', `SM${HEX32.slice(1)}`],
    ['one hex digit too many', `SM${HEX32}0`],
    ['a non-hex character', `SM${HEX32.slice(1)}g`],
    ['surrounding whitespace', ` SM${HEX32} `],
    ['a trailing newline', `SM${HEX32}\n`],
    ['an injection attempt', `SM${HEX32}' OR '1'='1`],
  ])('rejects %s', (_label, sid) => {
    expect(isTwilioMessageSid(sid)).toBe(false);
  });
});

describe('inboundDedupeKey', () => {
  it('identifies a delivery by provider and provider message id', () => {
    expect(inboundDedupeKey('twilio', `SM${HEX32}`)).toBe(`twilio:SM${HEX32}`);
  });

  it('gives the same key whatever the case of the provider name', () => {
    expect(inboundDedupeKey('Twilio', `SM${HEX32}`)).toBe(inboundDedupeKey('twilio', `SM${HEX32}`));
  });

  it('keeps the message id exactly as given, so different ids never collide', () => {
    const upper = `SM${HEX32.toUpperCase()}`;
    const lower = `SM${HEX32.toLowerCase()}`;

    expect(inboundDedupeKey('twilio', upper)).not.toBe(inboundDedupeKey('twilio', lower));
  });

  it('gives different keys for the same id from different providers', () => {
    expect(inboundDedupeKey('twilio', `SM${HEX32}`)).not.toBe(inboundDedupeKey('sandbox', `SM${HEX32}`));
  });
});

describe('admitInbound', () => {
  it('answers the first delivery of a message', () => {
    expect(admitInbound({ inserted: true, processed: false })).toEqual({ kind: 'new' });
  });

  it('drops a retry of an answered message without requeueing it', () => {
    expect(admitInbound({ inserted: false, processed: true })).toEqual({ kind: 'duplicate', requeue: false });
  });

  it('hands a retry of a stored but never answered message back to the worker', () => {
    expect(admitInbound({ inserted: false, processed: false })).toEqual({ kind: 'duplicate', requeue: true });
  });
});
