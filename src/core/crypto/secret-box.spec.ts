import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const KEY = randomBytes(32).toString('hex');

/** Replaces one base64url character of the given part of a sealed secret with a different one. */
function tamper(sealed: string, partIndex: number): string {
  const parts = sealed.split('.');
  const part = parts[partIndex]!;
  const replacement = part[0] === 'A' ? 'B' : 'A';
  parts[partIndex] = replacement + part.slice(1);
  return parts.join('.');
}

describe('SecretBox', () => {
  it('opens what it sealed', () => {
    const box = new SecretBox(KEY);

    expect(box.open(box.seal('twilio-auth-token-0123456789abcdef'))).toBe('twilio-auth-token-0123456789abcdef');
  });

  it('round-trips empty and non-ASCII secrets', () => {
    const box = new SecretBox(KEY);

    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('senha çãõ 🔐 contraseña'))).toBe('senha çãõ 🔐 contraseña');
  });

  it('does not contain the plaintext in what it stores', () => {
    const sealed = new SecretBox(KEY).seal('super-secret-token');

    expect(sealed).not.toContain('super-secret-token');
    expect(sealed).not.toContain(Buffer.from('super-secret-token').toString('base64url'));
    expect(sealed.split('.')[0]).toBe('v1');
  });

  it('seals the same plaintext differently each time', () => {
    const box = new SecretBox(KEY);
    const first = box.seal('same secret');
    const second = box.seal('same secret');

    expect(first).not.toBe(second);
    expect(box.open(first)).toBe(box.open(second));
  });

  it('opens a secret sealed by another instance holding the same key', () => {
    expect(new SecretBox(KEY).open(new SecretBox(KEY.toUpperCase()).seal('shared'))).toBe('shared');
  });

  it.each([
    ['nonce', 1],
    ['authentication tag', 2],
    ['ciphertext', 3],
  ])('refuses to open a secret whose %s was tampered with', (_part, index) => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('twilio-auth-token');

    expect(() => box.open(tamper(sealed, index))).toThrow();
  });

  it('refuses to open a secret sealed with another key', () => {
    const sealed = new SecretBox(randomBytes(32).toString('hex')).seal('twilio-auth-token');

    expect(() => new SecretBox(KEY).open(sealed)).toThrow();
  });

  it.each([
    ['an unknown version', (s: string) => s.replace(/^v1\./, 'v2.')],
    ['missing parts', (s: string) => s.split('.').slice(0, 2).join('.')],
    ['plain text', () => 'not-sealed-at-all'],
  ])('refuses to open a value with %s', (_label, mangle) => {
    const box = new SecretBox(KEY);

    expect(() => box.open(mangle(box.seal('x')))).toThrow('Unrecognised sealed secret');
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('hex')],
    ['33 bytes', randomBytes(33).toString('hex')],
    ['an empty string', ''],
    ['non-hex text of 64 characters', 'z'.repeat(64)],
  ])('rejects a key of %s', (_label, key) => {
    expect(() => new SecretBox(key)).toThrow('SecretBox needs a 32-byte key');
  });
});

describe('SecretBox.fingerprint', () => {
  const key = 'ab'.repeat(32);

  it('gives the same fingerprint for the same value under the same key, another for another value', () => {
    const box = new SecretBox(key);
    expect(box.fingerprint('+5511999990000')).toBe(new SecretBox(key).fingerprint('+5511999990000'));
    expect(box.fingerprint('+5511999990000')).not.toBe(box.fingerprint('+5511999990001'));
    expect(box.fingerprint('+5511999990000')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot be recomputed without the key: not a plain SHA-256, and another key gives another fingerprint', () => {
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const value = '+5511999990000';
    expect(new SecretBox(key).fingerprint(value)).not.toBe(createHash('sha256').update(value).digest('hex'));
    expect(new SecretBox(key).fingerprint(value)).not.toBe(new SecretBox('cd'.repeat(32)).fingerprint(value));
  });
});
