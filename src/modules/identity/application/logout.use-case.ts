import { Injectable } from '@nestjs/common';
import { RefreshTokenStore } from './ports/refresh-token.store.port';
import { hashRefreshToken } from './session-issuer';

/** Ends a session: the refresh token's whole family is revoked. An unknown token is not an error. */
@Injectable()
export class Logout {
  constructor(private readonly store: RefreshTokenStore) {}

  async execute(refreshToken: string): Promise<void> {
    const stored = await this.store.findByHash(hashRefreshToken(refreshToken));
    if (stored && !stored.revokedAt) await this.store.revokeFamily(stored.familyId);
  }
}
