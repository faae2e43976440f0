import type { WindowCount } from '../../domain/login-throttle';

/** Counts login attempts per account key and per client address, each in its own fixed window. */
export abstract class LoginThrottle {
  /** Counts one attempt against both, atomically; a window starts at its first attempt. */
  abstract countAttempt(accountKey: string, address: string, windowMs: number): Promise<{ account: WindowCount; address: WindowCount }>;
  /** After a successful login: the account starts again from zero and the attempt no longer counts against the address. */
  abstract forgetAttempt(accountKey: string, address: string): Promise<void>;
}
