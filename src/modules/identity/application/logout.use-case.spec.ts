import type { RefreshTokenStore, StoredRefreshToken } from './ports/refresh-token.store.port';
import { Logout } from './logout.use-case';
import { hashRefreshToken } from './session-issuer';
import { strict } from '@test/support/strict-fake';

function build(stored: Record<string, Partial<StoredRefreshToken>>) {
  const revoked: string[] = [];
  const lookedUp: string[] = [];
  const store = strict<RefreshTokenStore>('RefreshTokenStore', {
    findByHash: async (hash: string) => {
      lookedUp.push(hash);
      const token = Object.entries(stored).find(([plain]) => hashRefreshToken(plain) === hash)?.[1];
      return token ? { id: 'rt-1', userId: 'user-1', familyId: 'family-1', expiresAt: new Date(), spentAt: null, revokedAt: null, ...token } : null;
    },
    revokeFamily: async (familyId: string) => {
      revoked.push(familyId);
    },
  });
  return { logout: new Logout(store), revoked, lookedUp };
}

describe('Logout', () => {
  it("revokes the whole family of the refresh token, looked up by its hash only", async () => {
    const { logout, revoked, lookedUp } = build({ 'the-refresh-token': { familyId: 'family-7' } });

    await logout.execute('the-refresh-token');

    expect(lookedUp).toEqual([hashRefreshToken('the-refresh-token')]);
    expect(revoked).toEqual(['family-7']);
  });

  it('revokes the family of a token that was already spent (a later one of the family may be live)', async () => {
    const { logout, revoked } = build({ 'spent-token': { spentAt: new Date() } });

    await logout.execute('spent-token');

    expect(revoked).toEqual(['family-1']);
  });

  it('does nothing, and does not fail, for an unknown or already revoked token', async () => {
    const { logout, revoked } = build({ 'revoked-token': { revokedAt: new Date() } });

    await expect(logout.execute('made-up-token')).resolves.toBeUndefined();
    await expect(logout.execute('revoked-token')).resolves.toBeUndefined();
    expect(revoked).toEqual([]);
  });
});
