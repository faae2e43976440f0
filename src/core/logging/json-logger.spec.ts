import { JsonLogger } from './json-logger';
import { redactLogValue } from './log-redaction';

function capture() {
  const lines: string[] = [];
  const logger = new JsonLogger('info', { write: (line: string) => void lines.push(line) });
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>), raw: () => lines.join('') };
}

describe('JsonLogger: personal data never reaches the log', () => {
  it('redacts CPF, e-mail, phone and card numbers in the message', () => {
    const { logger, entries } = capture();
    logger.log('cliente ana@exemplo.com CPF 123.456.789-09 tel (11) 98765-4321 cartão 4111 1111 1111 1111, pedido 12345', 'Inbound');

    expect(entries()[0]).toMatchObject({ level: 'info', context: 'Inbound', msg: 'cliente [EMAIL] CPF [CPF] tel [PHONE] cartão [CARD], pedido 12345' });
  });

  it('keeps identifiers whole: UUIDs, Twilio SIDs and hex strings holding card-like digits are no card numbers', () => {
    const { logger, entries } = capture();
    const ids = 'job 41111111-1111-1111-bf3c-b61193f84990 sid SM4111111111111111abcdef0123456789 hash deadbeef4111111111111111 key-4111111111111111';
    logger.log(ids, 'Worker');

    expect(entries()[0].msg).toBe(ids);
  });

  it('redacts strings inside structured fields, nested ones included, and keeps other values', () => {
    const { logger, entries, raw } = capture();
    logger.warn({ from: 'whatsapp:+5511987654321', contact: { emails: ['ana@x.com'], orders: 3 } }, 'message from a contact', 'Webhook');

    expect(entries()[0]).toMatchObject({ msg: 'message from a contact', from: 'whatsapp:[PHONE]', contact: { emails: ['[EMAIL]'], orders: 3 } });
    expect(raw()).not.toContain('98765');
  });

  it('redacts the message and the stack of a logged error, keeping its type', () => {
    const { logger, entries, raw } = capture();
    logger.error(new TypeError('no contact with e-mail ana@x.com'), 'lookup failed', 'Contacts');

    const [entry] = entries();
    expect(entry.err).toMatchObject({ type: 'TypeError', message: 'no contact with e-mail [EMAIL]' });
    expect(entry.err.stack).toContain('no contact with e-mail [EMAIL]');
    expect(raw()).not.toContain('ana@x.com');
  });

  it('redacts the causes and the errors of an AggregateError too', () => {
    const { logger, raw } = capture();
    const cause = new Error('upstream refused ana@x.com');
    logger.error(new AggregateError([new Error('card 4111 1111 1111 1111 declined')], 'all failed for +5511987654321', { cause }), 'batch failed');

    expect(raw()).toContain('[CARD]');
    expect(raw()).toContain('[PHONE]');
    expect(raw()).not.toMatch(/ana@x\.com|4111 1111|98765/);
  });

  it('keeps the existing redaction of secrets by key', () => {
    const { logger, entries } = capture();
    logger.log({ user: { password: 'hunter2-hunter2' } }, 'login');
    expect(entries()[0].user.password).toBe('[redacted]');
  });
});

describe('redactLogValue', () => {
  it('copies plain objects instead of changing the caller’s', () => {
    const fields = { email: 'ana@x.com' };
    expect(redactLogValue(fields)).toEqual({ email: '[EMAIL]' });
    expect(fields.email).toBe('ana@x.com');
  });

  it('stops at a bounded depth, so a deep or cyclic structure cannot hang the logger', () => {
    const cyclic: Record<string, unknown> = { email: 'ana@x.com' };
    cyclic.self = cyclic;
    expect(() => redactLogValue(cyclic)).not.toThrow();
  });
});
