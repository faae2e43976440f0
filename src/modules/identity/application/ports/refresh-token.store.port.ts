export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  spentAt: Date | null;
  revokedAt: Date | null;
}

export abstract class RefreshTokenStore {
  abstract save(token: { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void>;
  abstract findByHash(tokenHash: string): Promise<StoredRefreshToken | null>;
  /** Marks the token spent; false when it was already spent (a reuse). */
  abstract spend(id: string): Promise<boolean>;
  abstract revokeFamily(familyId: string): Promise<void>;
  /** Revokes every live refresh token of one tenant's user, inside the caller's tenant transaction. */
  abstract revokeAllOfUser(tenantId: string, userId: string): Promise<void>;
}
