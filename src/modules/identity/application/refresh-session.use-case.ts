import { Injectable } from '@nestjs/common';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import { accountUsable } from '../domain/staff-access';
import { RefreshTokenStore } from './ports/refresh-token.store.port';
import { StaffAccessLookup } from './ports/staff-access.lookup.port';
import { hashRefreshToken, SessionIssuer, SessionTokens } from './session-issuer';

/** Rotates a refresh token; presenting a spent one revokes its whole family. A disabled user or a suspended tenant gets none. */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly store: RefreshTokenStore,
    private readonly accounts: StaffAccessLookup,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(refreshToken: string): Promise<SessionTokens> {
    const tokenHash = hashRefreshToken(refreshToken);
    const stored = await this.store.findByHash(tokenHash);
    if (!stored || stored.revokedAt || stored.expiresAt.getTime() <= Date.now()) throw new InvalidRefreshTokenError();
    if (stored.spentAt || !(await this.store.spend(stored.id))) {
      await this.store.revokeFamily(stored.familyId);
      throw new InvalidRefreshTokenError();
    }
    const account = await this.accounts.find(stored.userId);
    if (!accountUsable(account)) throw new InvalidRefreshTokenError();
    const session = await this.sessions.issue({ userId: account.userId, tenantId: account.tenantId, role: account.role }, stored.familyId);
    // A concurrent reuse may have revoked the family before our new token was saved: revoke again.
    if ((await this.store.findByHash(tokenHash))?.revokedAt) {
      await this.store.revokeFamily(stored.familyId);
      throw new InvalidRefreshTokenError();
    }
    return session;
  }
}
