import type { Principal } from '@core/auth/principal';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { StaffAccess } from '../domain/staff-access';
import type { AccessTokenIssuer } from './ports/access-token-issuer.port';
import type { RefreshTokenStore, StoredRefreshToken } from './ports/refresh-token.store.port';
import type { StaffAccessLookup } from './ports/staff-access.lookup.port';
import { RefreshSession } from './refresh-session.use-case';
import { hashRefreshToken, SessionIssuer } from './session-issuer';
import { strict } from '@test/support/strict-fake';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const DAY_MS = 24 * 3600 * 1000;

type Row = StoredRefreshToken & { tenantId: string | null; tokenHash: string };

/**
 * The refresh_tokens table in memory, with the store's contract: spend marks a token spent once
 * and answers false when it already was; revokeFamily revokes every live token of the family.
 */
class InMemoryRefreshTokens {
  readonly rows: Row[] = [];
  readonly revokedFamilies: string[] = [];
  private nextId = 1;

  asPort(): RefreshTokenStore {
    return strict<RefreshTokenStore>('RefreshTokenStore', {
      save: async (token: { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date }) => {
        await Promise.resolve();
        this.rows.push({ id: `rt-${this.nextId++}`, spentAt: null, revokedAt: null, ...token });
      },
      findByHash: async (tokenHash: string) => {
        await Promise.resolve();
        const row = this.rows.find((r) => r.tokenHash === tokenHash);
        return row ? { ...row } : null;
      },
      spend: async (id: string) => {
        await Promise.resolve();
        const row = this.rows.find((r) => r.id === id);
        if (!row || row.spentAt) return false;
        row.spentAt = new Date(Date.now());
        return true;
      },
      revokeFamily: async (familyId: string) => {
        await Promise.resolve();
        this.revokedFamilies.push(familyId);
        for (const row of this.rows) if (row.familyId === familyId && !row.revokedAt) row.revokedAt = new Date(Date.now());
      },
    });
  }

  byToken(token: string): Row | undefined {
    return this.rows.find((r) => r.tokenHash === hashRefreshToken(token));
  }

  /** Stores a token as a past login would have, returning the token itself. */
  plant(token: string, overrides: Partial<Row> = {}): string {
    this.rows.push({
      id: `rt-${this.nextId++}`,
      userId: 'user-1',
      tenantId: 'tenant-1',
      familyId: 'family-1',
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(NOW + 10 * DAY_MS),
      spentAt: null,
      revokedAt: null,
      ...overrides,
    });
    return token;
  }
}

const AGENT: StaffAccess = {
  userId: 'user-1',
  tenantId: 'tenant-1',
  role: 'agent',
  disabled: false,
  tenantStatus: 'active',
};

function build(accounts: StaffAccess[] = [AGENT]) {
  const tokens = new InMemoryRefreshTokens();
  const issuedFor: Principal[] = [];
  const accessLookup = strict<StaffAccessLookup>('StaffAccessLookup', {
    find: async (userId: string) => {
      await Promise.resolve();
      return accounts.find((a) => a.userId === userId) ?? null;
    },
  });
  const accessTokens = strict<AccessTokenIssuer>('AccessTokenIssuer', {
    issue: async (principal: Principal) => {
      issuedFor.push(principal);
      return `access:${principal.userId}:${issuedFor.length}`;
    },
  });
  const store = tokens.asPort();
  const refresh = new RefreshSession(store, accessLookup, new SessionIssuer(accessTokens, store));
  return { refresh, tokens, issuedFor };
}

describe('RefreshSession', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it('rotates a refresh token: the old one is spent and a new one is issued in the same family', async () => {
    const { refresh, tokens } = build();
    const old = tokens.plant('old-token');

    const renewed = await refresh.execute(old);

    expect(renewed.refreshToken).not.toBe(old);
    expect(tokens.byToken(old)?.spentAt).toEqual(new Date(NOW));
    expect(tokens.byToken(renewed.refreshToken)).toMatchObject({ familyId: 'family-1', userId: 'user-1', tenantId: 'tenant-1', spentAt: null, revokedAt: null });
    expect(tokens.revokedFamilies).toEqual([]);
  });

  it('issues the new access token for the token\'s user with their tenant and role', async () => {
    const { refresh, tokens, issuedFor } = build();

    const renewed = await refresh.execute(tokens.plant('old-token'));

    expect(renewed.accessToken).toBe('access:user-1:1');
    expect(issuedFor).toEqual([{ userId: 'user-1', tenantId: 'tenant-1', role: 'agent' }]);
  });

  it('keeps rotating along the family, each token good for one refresh', async () => {
    const { refresh, tokens } = build();

    const second = await refresh.execute(tokens.plant('first-token'));
    const third = await refresh.execute(second.refreshToken);

    expect(tokens.byToken(second.refreshToken)?.spentAt).not.toBeNull();
    expect(tokens.byToken(third.refreshToken)).toMatchObject({ familyId: 'family-1', spentAt: null });
  });

  it('refuses a token that was already spent and revokes its whole family, including the token that replaced it', async () => {
    const { refresh, tokens } = build();
    const stolen = tokens.plant('stolen-token');
    tokens.plant('other-device-token', { familyId: 'family-2' });
    const renewed = await refresh.execute(stolen);

    await expect(refresh.execute(stolen)).rejects.toBeInstanceOf(InvalidRefreshTokenError);

    expect(tokens.revokedFamilies).toEqual(['family-1']);
    expect(tokens.rows.filter((r) => r.familyId === 'family-1').every((r) => r.revokedAt !== null)).toBe(true);
    expect(tokens.byToken('other-device-token')?.revokedAt).toBeNull();
    await expect(refresh.execute(renewed.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('treats a token the store refuses to spend as reused and revokes its family', async () => {
    const { refresh, tokens } = build();
    const token = tokens.plant('token');
    const row = tokens.byToken(token)!;
    const port = tokens.asPort();
    const racing = new RefreshSession(
      strict<RefreshTokenStore>('RefreshTokenStore', {
        findByHash: async (hash: string) => ({ ...(await port.findByHash(hash))!, spentAt: null }),
        spend: async () => false,
        revokeFamily: (familyId: string) => port.revokeFamily(familyId),
      }),
      strict<StaffAccessLookup>('StaffAccessLookup', {}),
      strict<SessionIssuer>('SessionIssuer', {}),
    );

    await expect(racing.execute(token)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(tokens.revokedFamilies).toEqual([row.familyId]);
  });

  it('leaves no usable token in a family whose token was reused, even when the reuse races the rotation', async () => {
    const { refresh, tokens } = build();
    const stolen = tokens.plant('stolen-token');
    const results = await Promise.allSettled([refresh.execute(stolen), refresh.execute(stolen)]);
    expect(results.filter((r) => r.status === 'rejected')).not.toHaveLength(0);
    expect(tokens.revokedFamilies).toContain('family-1');
    for (const result of results) {
      if (result.status === 'fulfilled') await expect(refresh.execute(result.value.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    }
    expect(tokens.rows.filter((r) => r.familyId === 'family-1' && r.revokedAt === null)).toEqual([]);
  });

  it('refuses an unknown token', async () => {
    const { refresh, tokens } = build();
    tokens.plant('real-token');

    await expect(refresh.execute('made-up-token')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(tokens.rows).toHaveLength(1);
  });

  it('refuses an expired token without spending it or revoking its family', async () => {
    const { refresh, tokens } = build();
    const expired = tokens.plant('expired-token', { expiresAt: new Date(NOW - 1) });

    await expect(refresh.execute(expired)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(tokens.byToken(expired)?.spentAt).toBeNull();
    expect(tokens.revokedFamilies).toEqual([]);
    expect(tokens.rows).toHaveLength(1);
  });

  it('refuses a token at the very moment it expires', async () => {
    const { refresh, tokens } = build();

    await expect(refresh.execute(tokens.plant('token', { expiresAt: new Date(NOW) }))).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('accepts a token one millisecond before it expires', async () => {
    const { refresh, tokens } = build();

    await expect(refresh.execute(tokens.plant('token', { expiresAt: new Date(NOW + 1) }))).resolves.toMatchObject({ accessToken: 'access:user-1:1' });
  });

  it('refuses a revoked token without spending it', async () => {
    const { refresh, tokens } = build();
    const revoked = tokens.plant('revoked-token', { revokedAt: new Date(NOW - DAY_MS) });

    await expect(refresh.execute(revoked)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(tokens.byToken(revoked)?.spentAt).toBeNull();
    expect(tokens.rows).toHaveLength(1);
  });

  it('refuses to refresh the session of a user who was disabled, issuing nothing', async () => {
    const { refresh, tokens, issuedFor } = build([{ ...AGENT, disabled: true }]);

    await expect(refresh.execute(tokens.plant('token'))).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(issuedFor).toEqual([]);
    expect(tokens.rows).toHaveLength(1);
  });

  it('refuses to refresh the session of a user whose tenant is suspended, issuing nothing', async () => {
    const { refresh, tokens, issuedFor } = build([{ ...AGENT, tenantStatus: 'suspended' }]);

    await expect(refresh.execute(tokens.plant('token'))).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(issuedFor).toEqual([]);
  });

  it('refreshes a platform admin, who has no tenant', async () => {
    const { refresh, tokens, issuedFor } = build([{ userId: 'root', tenantId: null, role: 'platform_admin', disabled: false, tenantStatus: null }]);

    await expect(refresh.execute(tokens.plant('token', { userId: 'root', tenantId: null }))).resolves.toMatchObject({ accessToken: 'access:root:1' });
    expect(issuedFor).toEqual([{ userId: 'root', tenantId: null, role: 'platform_admin' }]);
  });

  it('refuses to refresh the session of a user who no longer exists', async () => {
    const { refresh, tokens, issuedFor } = build([]);

    await expect(refresh.execute(tokens.plant('token'))).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(issuedFor).toEqual([]);
  });
});
