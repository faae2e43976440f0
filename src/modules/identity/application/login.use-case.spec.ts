import type { Principal } from '@core/auth/principal';
import { InvalidCredentialsError } from '../domain/identity.errors';
import type { StaffUser } from '../domain/staff-user';
import type { Tenant } from '../domain/tenant';
import { Login } from './login.use-case';
import type { AccessTokenIssuer } from './ports/access-token-issuer.port';
import type { PasswordHasher } from './ports/password-hasher.port';
import type { RefreshTokenStore } from './ports/refresh-token.store.port';
import type { StaffUserRepository } from './ports/staff-user.repository.port';
import type { TenantRepository } from './ports/tenant.repository.port';
import { hashRefreshToken, SessionIssuer } from './session-issuer';
import { strict } from '@test/support/strict-fake';

const PASSWORD = 'correct-horse-42';

const ACTIVE_TENANT: Tenant = { id: 'tenant-1', name: 'Barbearia do Zé', status: 'active', createdAt: new Date('2025-01-01T00:00:00Z') };
const SUSPENDED_TENANT: Tenant = { id: 'tenant-2', name: 'Padaria Pão Quente', status: 'suspended', createdAt: new Date('2025-01-01T00:00:00Z') };

function user(overrides: Partial<StaffUser> = {}): StaffUser {
  return {
    id: 'user-1',
    tenantId: ACTIVE_TENANT.id,
    email: 'ana@barbearia.example',
    passwordHash: `h:${PASSWORD}`,
    role: 'tenant_admin',
    disabledAt: null,
    ...overrides,
  };
}

type SavedToken = { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date };
type Call =
  | ['users.findByEmail', string]
  | ['users.recordLogin', string]
  | ['tenants.findById', string]
  | ['hasher.hash', string]
  | ['hasher.verify', string, string]
  | ['refreshTokens.save', SavedToken]
  | ['accessTokens.issue', Principal];

/** Login over in-memory users and tenants, a readable fake hasher ('h:' + password) and the real SessionIssuer. */
function build(users: StaffUser[] = [user()], tenants: Tenant[] = [ACTIVE_TENANT, SUSPENDED_TENANT]) {
  const calls: Call[] = [];
  const userRepository = strict<StaffUserRepository>('StaffUserRepository', {
    findByEmail: async (email: string) => {
      calls.push(['users.findByEmail', email]);
      return users.find((u) => u.email === email) ?? null;
    },
    recordLogin: async (id: string) => {
      calls.push(['users.recordLogin', id]);
    },
  });
  const tenantRepository = strict<TenantRepository>('TenantRepository', {
    findById: async (id: string) => {
      calls.push(['tenants.findById', id]);
      return tenants.find((t) => t.id === id) ?? null;
    },
  });
  const hasher = strict<PasswordHasher>('PasswordHasher', {
    hash: async (password: string) => {
      calls.push(['hasher.hash', password]);
      return `h:${password}`;
    },
    verify: async (hash: string, password: string) => {
      calls.push(['hasher.verify', hash, password]);
      return hash === `h:${password}`;
    },
  });
  const refreshTokens = strict<RefreshTokenStore>('RefreshTokenStore', {
    save: async (token: SavedToken) => {
      calls.push(['refreshTokens.save', token]);
    },
  });
  const accessTokens = strict<AccessTokenIssuer>('AccessTokenIssuer', {
    issue: async (principal: Principal) => {
      calls.push(['accessTokens.issue', principal]);
      return `access:${principal.userId}`;
    },
  });
  const login = new Login(userRepository, tenantRepository, hasher, new SessionIssuer(accessTokens, refreshTokens));
  const names = () => calls.map((call) => call[0]);
  const only = <N extends Call[0]>(name: N) => calls.filter((call): call is Extract<Call, [N, ...unknown[]]> => call[0] === name);
  return { login, calls, names, only };
}

describe('Login', () => {
  it('signs in with the right password, returning an access token and a refresh token', async () => {
    const { login, only } = build();

    const tokens = await login.execute('ana@barbearia.example', PASSWORD);

    expect(tokens.accessToken).toBe('access:user-1');
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(only('accessTokens.issue')).toEqual([['accessTokens.issue', { userId: 'user-1', tenantId: 'tenant-1', role: 'tenant_admin' }]]);
  });

  it('records the time of a successful login on the account', async () => {
    const { login, only } = build();

    await login.execute('ana@barbearia.example', PASSWORD);

    expect(only('users.recordLogin')).toEqual([['users.recordLogin', 'user-1']]);
  });

  it('records no login time when the password is wrong', async () => {
    const { login, names } = build();

    await expect(login.execute('ana@barbearia.example', 'wrong-password-1')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(names()).not.toContain('users.recordLogin');
  });

  it('stores only the SHA-256 hash of the refresh token it returns', async () => {
    const { login, only } = build();

    const { refreshToken } = await login.execute('ana@barbearia.example', PASSWORD);

    const saved = only('refreshTokens.save').map((call) => call[1]);
    expect(saved).toEqual([expect.objectContaining({ userId: 'user-1', tenantId: 'tenant-1', tokenHash: hashRefreshToken(refreshToken) })]);
    expect(JSON.stringify(saved)).not.toContain(refreshToken);
  });

  it('finds the account whatever the case of the e-mail and the spaces around it', async () => {
    const { login, only } = build();

    await expect(login.execute('  Ana@Barbearia.EXAMPLE ', PASSWORD)).resolves.toMatchObject({ accessToken: 'access:user-1' });
    expect(only('users.findByEmail')).toEqual([['users.findByEmail', 'ana@barbearia.example']]);
  });

  it('refuses a wrong password and issues nothing', async () => {
    const { login, names } = build();

    await expect(login.execute('ana@barbearia.example', 'wrong-password-1')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(names()).not.toContain('refreshTokens.save');
    expect(names()).not.toContain('accessTokens.issue');
  });

  it('refuses an unknown e-mail after still verifying the password against a hash the hasher made, so timing does not reveal accounts', async () => {
    const { login, names, only } = build();

    await expect(login.execute('nobody@barbearia.example', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
    const [[, dummyPassword]] = only('hasher.hash');
    expect(only('hasher.verify')).toEqual([['hasher.verify', `h:${dummyPassword}`, PASSWORD]]);
    expect(names()).not.toContain('refreshTokens.save');
  });

  it('does not accept the dummy password for an unknown e-mail', async () => {
    const { login, only } = build();
    await expect(login.execute('nobody@barbearia.example', 'x')).rejects.toBeInstanceOf(InvalidCredentialsError);
    const [[, dummyHash]] = only('hasher.verify');
    const dummyPassword = dummyHash.replace(/^h:/, '');

    await expect(login.execute('nobody@barbearia.example', dummyPassword)).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('hashes the dummy password once, however many unknown e-mails try', async () => {
    const { login, only } = build();

    for (let i = 0; i < 3; i++) await expect(login.execute(`nobody${i}@barbearia.example`, PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);

    expect(only('hasher.hash')).toHaveLength(1);
    expect(only('hasher.verify')).toHaveLength(3);
  });

  it('gives the same error for an unknown e-mail and for a wrong password', async () => {
    const { login } = build();

    const unknown = await login.execute('nobody@barbearia.example', PASSWORD).catch((e: unknown) => e);
    const wrong = await login.execute('ana@barbearia.example', 'wrong-password-1').catch((e: unknown) => e);

    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect((unknown as InvalidCredentialsError).message).toBe((wrong as InvalidCredentialsError).message);
  });

  it('refuses a disabled user even with the right password', async () => {
    const { login, names } = build([user({ disabledAt: new Date('2025-02-01T00:00:00Z') })]);

    await expect(login.execute('ana@barbearia.example', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(names()).not.toContain('refreshTokens.save');
  });

  it('refuses a user of a suspended tenant even with the right password', async () => {
    const { login, names } = build([user({ tenantId: SUSPENDED_TENANT.id })]);

    await expect(login.execute('ana@barbearia.example', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(names()).toContain('tenants.findById');
    expect(names()).not.toContain('refreshTokens.save');
  });

  it('refuses a user whose tenant no longer exists', async () => {
    const { login } = build([user({ tenantId: 'tenant-gone' })]);

    await expect(login.execute('ana@barbearia.example', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('signs in a platform admin, who has no tenant, without looking a tenant up', async () => {
    const admin = user({ id: 'admin-1', tenantId: null, email: 'admin@atende.example', role: 'platform_admin' });
    const { login, names, only } = build([admin]);

    await expect(login.execute('admin@atende.example', PASSWORD)).resolves.toMatchObject({ accessToken: 'access:admin-1' });
    expect(names()).not.toContain('tenants.findById');
    expect(only('accessTokens.issue')).toEqual([['accessTokens.issue', { userId: 'admin-1', tenantId: null, role: 'platform_admin' }]]);
  });
});
