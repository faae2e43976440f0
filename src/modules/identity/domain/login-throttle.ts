import { DomainError } from '@core/errors/domain-error';

export interface LoginThrottlePolicy {
  windowMs: number;
  /** Attempts of an account answered at once. */
  freeAttempts: number;
  /** From this attempt on, the account is refused until its window ends, even with the right password. */
  accountLockoutAt: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures an address may have in a window; later attempts are refused. */
  addressLimit: number;
}

/** The failed-login policy (issue 3): per account and per client address, in a fixed window. */
export const LOGIN_THROTTLE_POLICY: Readonly<LoginThrottlePolicy> = {
  windowMs: 15 * 60 * 1000,
  freeAttempts: 5,
  accountLockoutAt: 10,
  firstDelayMs: 200,
  maxDelayMs: 2000,
  addressLimit: 50,
};

/**
 * Attempts counted in the current window, this one included. Attempts are counted before the
 * password is checked (so concurrent guesses cannot all slip under the limit), and a successful
 * login takes its attempt back, so the counts are the failures plus this attempt.
 */
export interface WindowCount {
  attempts: number;
  /** Until the window ends. */
  remainingMs: number;
}

export type LoginGate = { kind: 'proceed'; delayMs: number } | { kind: 'refuse'; retryAfterSeconds: number };

export function loginGate(account: WindowCount, address: WindowCount, policy: LoginThrottlePolicy = LOGIN_THROTTLE_POLICY): LoginGate {
  const refusals = [
    account.attempts >= policy.accountLockoutAt ? account.remainingMs : null,
    address.attempts > policy.addressLimit ? address.remainingMs : null,
  ].filter((ms): ms is number => ms !== null);
  if (refusals.length > 0) return { kind: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...refusals) / 1000)) };
  const delayedSteps = account.attempts - policy.freeAttempts;
  if (delayedSteps <= 0) return { kind: 'proceed', delayMs: 0 };
  return { kind: 'proceed', delayMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (delayedSteps - 1)) };
}

/** Too many failed logins for this account or address: 429 with Retry-After. */
export class LoginThrottledError extends DomainError {
  readonly code = 'IDENTITY.LOGIN_THROTTLED';
  readonly kind = 'rate_limited' as const;
  constructor(override readonly retryAfterSeconds: number) {
    super(`Too many failed logins; try again in ${retryAfterSeconds} seconds`);
  }
}
