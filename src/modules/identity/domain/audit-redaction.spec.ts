import { auditDetails, REDACTED, redactSecrets } from './audit-redaction';

describe('redactSecrets', () => {
  it.each(['password', 'newPassword', 'PASSWORD', 'twilioAuthToken', 'refreshToken', 'accessToken', 'token', 'clientSecret', 'secret', 'authorization', 'Authorization', 'apiKey', 'api_key'])(
    'replaces the value of a key named %s',
    (key) => {
      expect(redactSecrets({ [key]: 'hunter2-very-secret', keep: 'visible' })).toEqual({ [key]: REDACTED, keep: 'visible' });
    },
  );

  it('redacts secrets nested in objects and arrays, keeping everything else', () => {
    const body = {
      name: 'Loja',
      admin: { email: 'a@loja.test', password: 'admin-password-1' },
      integrations: [{ kind: 'http', headers: { Authorization: 'Bearer abc' } }, { kind: 'crm', secret: 's3cr3t' }],
    };

    expect(redactSecrets(body)).toEqual({
      name: 'Loja',
      admin: { email: 'a@loja.test', password: REDACTED },
      integrations: [{ kind: 'http', headers: { Authorization: REDACTED } }, { kind: 'crm', secret: REDACTED }],
    });
  });

  it('redacts the value of every header in a headers object, keeping the names', () => {
    expect(redactSecrets({ name: 'saldo', headers: { 'X-Store': 'loja-1-secret', Accept: 'application/json' } })).toEqual({
      name: 'saldo',
      headers: { 'X-Store': REDACTED, Accept: REDACTED },
    });
  });

  it('redacts a secret key whatever its value is, object or number', () => {
    expect(redactSecrets({ credentials: { user: 'u', pass: 'p' }, tokenCount: 3 })).toEqual({ credentials: REDACTED, tokenCount: REDACTED });
  });

  it('does not change the body it was given', () => {
    const body = { password: 'admin-password-1', nested: { token: 't' } };

    redactSecrets(body);

    expect(body).toEqual({ password: 'admin-password-1', nested: { token: 't' } });
  });

  it('keeps numbers, booleans and null as they are', () => {
    expect(redactSecrets({ limit: 5, sandbox: true, notes: null })).toEqual({ limit: 5, sandbox: true, notes: null });
  });

  it('cuts very long strings and very deep nesting', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: 'bottom' } } } } } } } } };
    const redacted = redactSecrets({ notes: 'x'.repeat(5000), deep }) as { notes: string; deep: unknown };

    expect(redacted.notes).toHaveLength(2001);
    expect(JSON.stringify(redacted.deep)).not.toContain('bottom');
    expect(JSON.stringify(redacted.deep)).toContain('[truncated]');
  });
});

describe('auditDetails', () => {
  it('is an empty object for a request without a body', () => {
    expect(auditDetails(undefined)).toEqual({});
    expect(auditDetails(null)).toEqual({});
  });

  it('keeps a body that is not an object under "body", redacted', () => {
    expect(auditDetails([{ token: 'x' }])).toEqual({ body: [{ token: REDACTED }] });
    expect(auditDetails('plain')).toEqual({ body: 'plain' });
  });

  it('is the redacted body itself when the body is an object', () => {
    expect(auditDetails({ phoneNumber: '+5511999990000', twilioAuthToken: '0123456789abcdef' })).toEqual({ phoneNumber: '+5511999990000', twilioAuthToken: REDACTED });
  });
});

describe('audit details of personal data', () => {
  it('keeps only the names of the fields, never their values', () => {
    expect(auditDetails({ displayName: 'Maria Silva', notes: 'CPF 123', tags: ['vip'] }, { personalData: true })).toEqual({
      fields: ['displayName', 'notes', 'tags'],
    });
  });

  it('keeps values for other routes, secrets redacted', () => {
    expect(auditDetails({ name: 'Loja', password: 'x' })).toEqual({ name: 'Loja', password: '[redacted]' });
  });
});
