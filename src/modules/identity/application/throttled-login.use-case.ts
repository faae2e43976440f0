import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LOGIN_THROTTLE_POLICY, loginGate, LoginThrottledError } from '../domain/login-throttle';
import { normaliseEmail } from '../domain/staff-user';
import { Login } from './login.use-case';
import { Delay } from './ports/delay.port';
import { LoginThrottle } from './ports/login-throttle.port';
import type { SessionTokens } from './session-issuer';

/** The throttle's key for an e-mail: the same for accounts that exist and those that do not. */
export function accountThrottleKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex');
}

/**
 * Login behind the failed-login policy (domain/login-throttle.ts). The attempt is counted before
 * the password is checked, so parallel guesses cannot all pass under the limit, and the delay comes
 * before the check, so a client cannot learn the answer sooner by giving up early.
 */
@Injectable()
export class ThrottledLogin {
  constructor(
    private readonly login: Login,
    private readonly throttle: LoginThrottle,
    private readonly delay: Delay,
  ) {}

  async execute(email: string, password: string, address: string): Promise<SessionTokens> {
    const accountKey = accountThrottleKey(email);
    const counts = await this.throttle.countAttempt(accountKey, address, LOGIN_THROTTLE_POLICY.windowMs);
    const gate = loginGate(counts.account, counts.address);
    if (gate.kind === 'refuse') throw new LoginThrottledError(gate.retryAfterSeconds);
    if (gate.delayMs > 0) await this.delay.wait(gate.delayMs);
    const session = await this.login.execute(email, password);
    await this.throttle.forgetAttempt(accountKey, address);
    return session;
  }
}
