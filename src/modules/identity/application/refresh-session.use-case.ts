import { Injectable } from '@nestjs/common';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import { RefreshTokenStore } from './ports/refresh-token.store.port';
import { StaffUserRepository } from './ports/staff-user.repository.port';
import { hashRefreshToken, SessionIssuer, SessionTokens } from './session-issuer';

/** Rotates a refresh token; presenting a spent one revokes its whole family. */
@Injectable()
export class RefreshSession {
  constructor(
    private readonly store: RefreshTokenStore,
    private readonly users: StaffUserRepository,
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
    const user = await this.users.findById(stored.userId);
    if (!user || user.disabledAt) throw new InvalidRefreshTokenError();
    const session = await this.sessions.issue({ userId: user.id, tenantId: user.tenantId, role: user.role }, stored.familyId);
    // A concurrent reuse may have revoked the family before our new token was saved: revoke again.
    if ((await this.store.findByHash(tokenHash))?.revokedAt) {
      await this.store.revokeFamily(stored.familyId);
      throw new InvalidRefreshTokenError();
    }
    return session;
  }
}
