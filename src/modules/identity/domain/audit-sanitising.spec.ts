import { storableText } from '@core/text/storable-text';
import { AUDIT_DETAILS_MAX_CHARS, sanitiseAuditDetails, sanitiseAuditEvent } from './audit-sanitising';

const event = {
  tenantId: null,
  actorId: null,
  actorRole: 'tenant_admin',
  action: 'PATCH /api/v1/staff/:id',
  targetType: 'staff',
  targetId: 'a\u0000b',
  details: {},
  ip: '127.0.0.1',
  correlationId: null,
};

describe('storableText', () => {
  it('drops NUL bytes and replaces lone surrogates, keeping every well-formed character', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\ud800y')).toBe('x\ufffdy');
    expect(storableText('x\udc00')).toBe('x\ufffd');
    expect(storableText('\udc00\ud800')).toBe('\ufffd\ufffd');
    expect(storableText('emoji 😀 and ção')).toBe('emoji 😀 and ção');
  });
});

describe('sanitiseAuditDetails', () => {
  it('makes every string and key storable, at any depth, and leaves well-formed details as they are', () => {
    expect(sanitiseAuditDetails({ name: 'Ana\ud800', role: 'tenant_admin', nested: [{ 'k\u0000ey': 'v\u0000' }] })).toEqual({
      name: 'Ana\ufffd',
      role: 'tenant_admin',
      nested: [{ key: 'v' }],
    });
    const plain = { name: 'Ana 😀', tags: ['a', 'b'], n: 3, on: true, none: null };
    expect(sanitiseAuditDetails(plain)).toEqual(plain);
  });

  it('keeps details that would be too large as the start of their JSON, itself storable', () => {
    const details = sanitiseAuditDetails({ items: Array.from({ length: 5_000 }, (_, i) => `item ${i} \ud83d\ude00`) });
    expect(details.truncated).toBe(true);
    expect(details.originalChars).toBeGreaterThan(AUDIT_DETAILS_MAX_CHARS);
    expect(String(details.start)).toHaveLength(AUDIT_DETAILS_MAX_CHARS);
    expect(String(details.start)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('keeps a cut in the middle of an emoji storable', () => {
    const cutAt = AUDIT_DETAILS_MAX_CHARS - '{"s":"'.length - 1;
    const details = sanitiseAuditDetails({ s: `${'x'.repeat(cutAt)}😀${'y'.repeat(100)}` });
    expect(String(details.start).endsWith('x\ufffd')).toBe(true);
  });
});

describe('sanitiseAuditEvent', () => {
  it('makes the identifiers storable too', () => {
    expect(sanitiseAuditEvent({ ...event, details: { name: '\ud800' } })).toEqual({ ...event, targetId: 'ab', details: { name: '\ufffd' } });
  });
});
