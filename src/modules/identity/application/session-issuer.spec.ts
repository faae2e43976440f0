import { createHash } from 'node:crypto';
import type { Principal } from '@core/auth/principal';
import type { AccessTokenIssuer } from './ports/access-token-issuer.port';
import type { RefreshTokenStore } from './ports/refresh-token.store.port';
import { hashRefreshToken, SessionIssuer } from './session-issuer';
import { strict } from '@test/support/strict-fake';

type SavedToken = { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date };

const NOW = Date.parse('2025-03-01T10:00:00Z');
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;
const AGENT: Principal = { userId: 'user-1', tenantId: 'tenant-1', role: 'agent' };

function build() {
  const saved: SavedToken[] = [];
  const issuedFor: Principal[] = [];
  const store = strict<RefreshTokenStore>('RefreshTokenStore', {
    save: async (token: SavedToken) => {
      saved.push(token);
    },
  });
  const accessTokens = strict<AccessTokenIssuer>('AccessTokenIssuer', {
    issue: async (principal: Principal) => {
      issuedFor.push(principal);
      return `access:${principal.userId}:${principal.role}`;
    },
  });
  return { issuer: new SessionIssuer(accessTokens, store), saved, issuedFor };
}

describe('hashRefreshToken', () => {
  it('is the hex SHA-256 of the token', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('SessionIssuer', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it('issues an access token for the principal and a random 256-bit refresh token', async () => {
    const { issuer, issuedFor } = build();

    const tokens = await issuer.issue(AGENT);

    expect(tokens.accessToken).toBe('access:user-1:agent');
    expect(issuedFor).toEqual([AGENT]);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokens.refreshToken, 'base64url')).toHaveLength(32);
  });

  it('stores only the SHA-256 hash of the refresh token, never the token itself', async () => {
    const { issuer, saved } = build();

    const { refreshToken } = await issuer.issue(AGENT);

    expect(saved).toHaveLength(1);
    expect(saved[0]?.tokenHash).toBe(createHash('sha256').update(refreshToken).digest('hex'));
    expect(JSON.stringify(saved)).not.toContain(refreshToken);
  });

  it('stores the refresh token for the principal\'s user and tenant, expiring 30 days from now', async () => {
    const { issuer, saved } = build();

    await issuer.issue({ userId: 'admin-1', tenantId: null, role: 'platform_admin' });

    expect(saved[0]).toMatchObject({ userId: 'admin-1', tenantId: null, expiresAt: new Date(NOW + THIRTY_DAYS_MS) });
  });

  it('starts a new token family for each new session', async () => {
    const { issuer, saved } = build();

    const first = await issuer.issue(AGENT);
    const second = await issuer.issue(AGENT);

    expect(first.refreshToken).not.toBe(second.refreshToken);
    expect(saved[0]?.familyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved[0]?.familyId).not.toBe(saved[1]?.familyId);
  });

  it('keeps a rotated token in the family it is given', async () => {
    const { issuer, saved } = build();

    await issuer.issue(AGENT, 'family-9');

    expect(saved[0]?.familyId).toBe('family-9');
  });
});
