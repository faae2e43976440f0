import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '@core/auth/principal';
import { AccessTokenIssuer } from './ports/access-token-issuer.port';
import { RefreshTokenStore } from './ports/refresh-token.store.port';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues an access token and a refresh token; only the refresh token's hash is stored. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenStore,
  ) {}

  async issue(principal: Principal, familyId: string = randomUUID()): Promise<SessionTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.save({
      userId: principal.userId,
      tenantId: principal.tenantId,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
    });
    return { accessToken: await this.accessTokens.issue(principal), refreshToken };
  }
}
