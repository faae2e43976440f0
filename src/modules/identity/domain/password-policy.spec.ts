import { DomainError } from '@core/errors/domain-error';
import { assertAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, WeakPasswordError } from './password-policy';

function rejection(password: string): WeakPasswordError {
  try {
    assertAcceptablePassword(password);
  } catch (error) {
    expect(error).toBeInstanceOf(WeakPasswordError);
    return error as WeakPasswordError;
  }
  throw new Error(`expected ${JSON.stringify(password)} to be rejected`);
}

describe('assertAcceptablePassword', () => {
  it.each(['correct-horse-42', 'abcdefghi1', 'Senha forte', 'contraseña!', 'x'.repeat(PASSWORD_MAX_LENGTH - 1) + '9'])(
    'accepts %p',
    (password) => {
      expect(() => assertAcceptablePassword(password)).not.toThrow();
    },
  );

  it('accepts a password of exactly the minimum length and refuses one character less', () => {
    expect(() => assertAcceptablePassword('a'.repeat(PASSWORD_MIN_LENGTH - 1) + '1')).not.toThrow();
    expect(rejection('a'.repeat(PASSWORD_MIN_LENGTH - 2) + '1').message).toMatch(/10 to 128 characters/);
  });

  it('refuses a password longer than the maximum', () => {
    expect(rejection('a1'.repeat(PASSWORD_MAX_LENGTH / 2) + 'b').message).toMatch(/10 to 128 characters/);
  });

  it('refuses an empty password', () => {
    expect(rejection('').message).toMatch(/characters/);
  });

  it.each([
    ['only letters', 'abcdefghijkl'],
    ['only accented letters', 'áéíóúçãõâêô'],
    ['only digits', '12345678901'],
    ['only symbols', '!@#$%^&*()_+'],
    ['one repeated letter', 'aaaaaaaaaaaa'],
    ['one repeated digit', '000000000000'],
  ])('refuses a password made of %s', (_label, password) => {
    expect(rejection(password).message).toBe('password must mix letters with digits or symbols');
  });

  it('counts a space as a non-letter', () => {
    expect(() => assertAcceptablePassword('minha senha')).not.toThrow();
  });

  it('raises a domain error the HTTP layer maps to 422', () => {
    const error = rejection('short');

    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('IDENTITY.WEAK_PASSWORD');
    expect(error.kind).toBe('unprocessable');
    expect(error.name).toBe('WeakPasswordError');
  });
});
