import type { Principal } from '@core/auth/principal';
import type { StaffAccess } from '../domain/staff-access';
import { AuthenticateAccessToken } from './authenticate-access-token.use-case';
import type { AccessTokenIssuer } from './ports/access-token-issuer.port';
import type { StaffAccessLookup } from './ports/staff-access.lookup.port';
import { strict } from '@test/support/strict-fake';

const AGENT: Principal = { userId: 'user-1', tenantId: 'tenant-1', role: 'agent' };
const STORED: StaffAccess = { userId: 'user-1', tenantId: 'tenant-1', role: 'agent', disabled: false, tenantStatus: 'active' };

function build(access: StaffAccess | null) {
  const lookups: string[] = [];
  const tokens = strict<AccessTokenIssuer>('AccessTokenIssuer', {
    verify: async (token: string) => (token === 'signed' ? AGENT : null),
  });
  const lookup = strict<StaffAccessLookup>('StaffAccessLookup', {
    find: async (userId: string) => {
      lookups.push(userId);
      return access;
    },
  });
  return { authenticate: new AuthenticateAccessToken(tokens, lookup), lookups };
}

describe('AuthenticateAccessToken', () => {
  it("accepts a signed token whose account is enabled, in an active tenant, with the token's role", async () => {
    const { authenticate, lookups } = build(STORED);

    await expect(authenticate.execute('signed')).resolves.toEqual(AGENT);
    expect(lookups).toEqual(['user-1']);
  });

  it('refuses a token that does not verify without reading any account', async () => {
    const { authenticate, lookups } = build(STORED);

    await expect(authenticate.execute('forged')).resolves.toBeNull();
    expect(lookups).toEqual([]);
  });

  it('refuses a signed token at once when its user was disabled or deleted', async () => {
    await expect(build({ ...STORED, disabled: true }).authenticate.execute('signed')).resolves.toBeNull();
    await expect(build(null).authenticate.execute('signed')).resolves.toBeNull();
  });

  it("refuses a signed token at once when its user's tenant is suspended", async () => {
    await expect(build({ ...STORED, tenantStatus: 'suspended' }).authenticate.execute('signed')).resolves.toBeNull();
  });

  it('refuses a token issued before its user got another role', async () => {
    await expect(build({ ...STORED, role: 'tenant_admin' }).authenticate.execute('signed')).resolves.toBeNull();
  });
});
