import { LOGIN_THROTTLE_POLICY, loginGate, type WindowCount } from './login-throttle';

const WINDOW = LOGIN_THROTTLE_POLICY.windowMs;
const fresh = (attempts: number, remainingMs = WINDOW): WindowCount => ({ attempts, remainingMs });
const quietAddress = fresh(1);

describe('loginGate (failed-login policy)', () => {
  it('answers the first five attempts of an account at once', () => {
    for (let attempt = 1; attempt <= 5; attempt++) expect(loginGate(fresh(attempt), quietAddress)).toEqual({ kind: 'proceed', delayMs: 0 });
  });

  it('delays the sixth to ninth attempts by 200 ms, doubling each time', () => {
    const delays = [6, 7, 8, 9].map((attempt) => loginGate(fresh(attempt), quietAddress));
    expect(delays).toEqual([200, 400, 800, 1600].map((delayMs) => ({ kind: 'proceed', delayMs })));
  });

  it('caps the delay at two seconds when the lockout comes later', () => {
    const lenient = { ...LOGIN_THROTTLE_POLICY, accountLockoutAt: 100 };
    expect(loginGate(fresh(10), quietAddress, lenient)).toEqual({ kind: 'proceed', delayMs: 2000 });
    expect(loginGate(fresh(40), quietAddress, lenient)).toEqual({ kind: 'proceed', delayMs: 2000 });
  });

  it('refuses the tenth attempt of an account and every later one until its window ends', () => {
    expect(loginGate(fresh(10, 600_000), quietAddress)).toEqual({ kind: 'refuse', retryAfterSeconds: 600 });
    expect(loginGate(fresh(11, 599_001), quietAddress)).toEqual({ kind: 'refuse', retryAfterSeconds: 600 });
    expect(loginGate(fresh(500, 1_000), quietAddress)).toEqual({ kind: 'refuse', retryAfterSeconds: 1 });
  });

  it('never asks the client to retry after zero seconds', () => {
    expect(loginGate(fresh(10, 0), quietAddress)).toEqual({ kind: 'refuse', retryAfterSeconds: 1 });
    expect(loginGate(fresh(10, 1), quietAddress)).toEqual({ kind: 'refuse', retryAfterSeconds: 1 });
  });

  it('lets an address fail fifty times and refuses its next attempt, whatever the account', () => {
    expect(loginGate(fresh(1), fresh(50))).toEqual({ kind: 'proceed', delayMs: 0 });
    expect(loginGate(fresh(1), fresh(51, 120_000))).toEqual({ kind: 'refuse', retryAfterSeconds: 120 });
  });

  it('tells the client to wait for the later of two windows when both the account and the address are refused', () => {
    expect(loginGate(fresh(12, 30_000), fresh(60, 90_000))).toEqual({ kind: 'refuse', retryAfterSeconds: 90 });
    expect(loginGate(fresh(12, 90_000), fresh(60, 30_000))).toEqual({ kind: 'refuse', retryAfterSeconds: 90 });
  });

  it('keeps the delays of an account whose address is still under its limit', () => {
    expect(loginGate(fresh(7), fresh(50))).toEqual({ kind: 'proceed', delayMs: 400 });
  });
});
