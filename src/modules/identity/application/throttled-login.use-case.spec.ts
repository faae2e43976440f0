import { createHash } from 'node:crypto';
import { InvalidCredentialsError } from '../domain/identity.errors';
import { LOGIN_THROTTLE_POLICY, LoginThrottledError, type WindowCount } from '../domain/login-throttle';
import type { Login } from './login.use-case';
import type { Delay } from './ports/delay.port';
import type { LoginThrottle } from './ports/login-throttle.port';
import type { SessionTokens } from './session-issuer';
import { accountThrottleKey, ThrottledLogin } from './throttled-login.use-case';
import { strict } from '@test/support/strict-fake';

const RIGHT = 'correct-horse-42';
const WRONG = 'wrong-password-1';
const REMAINING_MS = 600_000;
const ADDRESS = '203.0.113.7';

/** Fixed-window counters in memory, with the port's contract; every call is logged in order. */
function build(knownEmails = ['ana@barbearia.example']) {
  const log: string[] = [];
  const counts = new Map<string, number>();
  const bump = (key: string): WindowCount => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return { attempts: counts.get(key)!, remainingMs: REMAINING_MS };
  };
  const throttle = strict<LoginThrottle>('LoginThrottle', {
    countAttempt: async (accountKey: string, address: string, windowMs: number) => {
      log.push(`count ${accountKey} ${address} ${windowMs}`);
      return { account: bump(`account:${accountKey}`), address: bump(`address:${address}`) };
    },
    forgetAttempt: async (accountKey: string, address: string) => {
      log.push(`forget ${accountKey} ${address}`);
      counts.delete(`account:${accountKey}`);
      counts.set(`address:${address}`, Math.max(0, (counts.get(`address:${address}`) ?? 0) - 1));
    },
  });
  const delay = strict<Delay>('Delay', {
    wait: async (ms: number) => {
      log.push(`wait ${ms}`);
    },
  });
  const login = strict<Login>('Login', {
    execute: async (email: string, password: string): Promise<SessionTokens> => {
      log.push(`check ${email}`);
      if (knownEmails.includes(email.trim().toLowerCase()) && password === RIGHT) return { accessToken: 'access', refreshToken: 'refresh' };
      throw new InvalidCredentialsError();
    },
  });
  const throttled = new ThrottledLogin(login, throttle, delay);
  const attempt = (email: string, password: string, address = ADDRESS) => throttled.execute(email, password, address).catch((error: unknown) => error);
  const waits = () => log.filter((line) => line.startsWith('wait ')).map((line) => Number(line.slice(5)));
  return { throttled, attempt, log, counts, waits };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ThrottledLogin', () => {
  it('counts attempts under the SHA-256 of the trimmed, lower-cased e-mail and the client address, in a 15-minute window', async () => {
    const { attempt, log } = build();

    await attempt('  Ana@Barbearia.EXAMPLE ', WRONG);

    expect(accountThrottleKey('  Ana@Barbearia.EXAMPLE ')).toBe(sha256('ana@barbearia.example'));
    expect(log[0]).toBe(`count ${sha256('ana@barbearia.example')} ${ADDRESS} ${LOGIN_THROTTLE_POLICY.windowMs}`);
    expect(log.filter((line) => line.startsWith('count')).join('\n')).not.toContain('@');
  });

  it('answers the first five failures at once with the usual invalid-credentials error', async () => {
    const { attempt, waits } = build();

    for (let i = 0; i < 5; i++) expect(await attempt('ana@barbearia.example', WRONG)).toBeInstanceOf(InvalidCredentialsError);

    expect(waits()).toEqual([]);
  });

  it('delays the sixth to ninth attempts, 200 ms doubling, before the password is checked', async () => {
    const { attempt, log, waits } = build();
    for (let i = 0; i < 5; i++) await attempt('ana@barbearia.example', WRONG);
    log.length = 0;

    for (let i = 0; i < 4; i++) expect(await attempt('ana@barbearia.example', WRONG)).toBeInstanceOf(InvalidCredentialsError);

    expect(waits()).toEqual([200, 400, 800, 1600]);
    const sixth = log.slice(0, 3).map((line) => line.split(' ')[0]);
    expect(sixth).toEqual(['count', 'wait', 'check']);
  });

  it('refuses the tenth attempt and later ones with the time left in the window, without checking even the right password', async () => {
    const { attempt, log } = build();
    for (let i = 0; i < 9; i++) await attempt('ana@barbearia.example', WRONG);
    log.length = 0;

    const tenth = await attempt('ana@barbearia.example', WRONG);
    const eleventh = await attempt('ana@barbearia.example', RIGHT);

    expect(tenth).toBeInstanceOf(LoginThrottledError);
    expect(eleventh).toBeInstanceOf(LoginThrottledError);
    expect((eleventh as LoginThrottledError).retryAfterSeconds).toBe(REMAINING_MS / 1000);
    expect(log.filter((line) => line.startsWith('check') || line.startsWith('forget'))).toEqual([]);
  });

  it('throttles an unknown e-mail exactly like an existing one', async () => {
    const { attempt } = build();
    const known: unknown[] = [];
    const unknown: unknown[] = [];

    for (let i = 0; i < 11; i++) known.push(await attempt('ana@barbearia.example', WRONG, '198.51.100.1'));
    for (let i = 0; i < 11; i++) unknown.push(await attempt('nobody@barbearia.example', WRONG, '198.51.100.2'));

    const shape = (errors: unknown[]) => errors.map((e) => [(e as Error).constructor.name, (e as Error).message]);
    expect(shape(unknown)).toEqual(shape(known));
  });

  it('clears the account count after a successful login, so the next failure is the first again', async () => {
    const { attempt, counts, log } = build();
    for (let i = 0; i < 3; i++) await attempt('ana@barbearia.example', WRONG);

    expect(await attempt('ana@barbearia.example', RIGHT)).toEqual({ accessToken: 'access', refreshToken: 'refresh' });

    expect(log).toContain(`forget ${sha256('ana@barbearia.example')} ${ADDRESS}`);
    await attempt('ana@barbearia.example', WRONG);
    expect(counts.get(`account:${sha256('ana@barbearia.example')}`)).toBe(1);
  });

  it('keeps the count of a failed attempt', async () => {
    const { attempt, log } = build();

    await attempt('ana@barbearia.example', WRONG);

    expect(log.some((line) => line.startsWith('forget'))).toBe(false);
  });

  it('refuses any account from an address with fifty failures in its window, and leaves other addresses alone', async () => {
    const { attempt } = build();
    for (let i = 0; i < 50; i++) await attempt(`guess${i}@barbearia.example`, WRONG, '192.0.2.66');

    expect(await attempt('ana@barbearia.example', RIGHT, '192.0.2.66')).toBeInstanceOf(LoginThrottledError);
    expect(await attempt('ana@barbearia.example', RIGHT, '192.0.2.67')).toEqual({ accessToken: 'access', refreshToken: 'refresh' });
  });

  it('leaves another account untouched by one account being refused', async () => {
    const { attempt } = build(['ana@barbearia.example', 'bia@barbearia.example']);
    for (let i = 0; i < 10; i++) await attempt('ana@barbearia.example', WRONG);

    expect(await attempt('bia@barbearia.example', RIGHT)).toEqual({ accessToken: 'access', refreshToken: 'refresh' });
  });
});
