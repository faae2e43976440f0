import type { TenantPrincipal } from '@core/auth/principal';
import { EmailTakenError } from '../domain/identity.errors';
import { WeakPasswordError } from '../domain/password-policy';
import type { StaffMember } from '../domain/staff-member';
import { LastActiveAdminError, OwnAccountLockoutError, StaffNotFoundError } from '../domain/staff.errors';
import { CreateStaff } from './create-staff.use-case';
import { DeleteStaff } from './delete-staff.use-case';
import type { PasswordHasher } from './ports/password-hasher.port';
import type { RefreshTokenStore } from './ports/refresh-token.store.port';
import type { NewStaffMember, StaffFilter, StaffPatch, StaffRepository } from './ports/staff.repository.port';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import { SetStaffStatus } from './set-staff-status.use-case';
import { StaffChanges } from './staff-changes';
import { StaffQueries } from './staff-queries';
import { UpdateStaff } from './update-staff.use-case';
import { strict } from '@test/support/strict-fake';

const CREATED = new Date('2025-01-01T00:00:00Z');
type Row = StaffMember & { passwordHash: string };

function row(id: string, overrides: Partial<Row> = {}): Row {
  return { id, tenantId: 'tenant-a', email: `${id}@barbearia.example`, name: null, role: 'agent', status: 'active', createdAt: CREATED, lastLoginAt: null, passwordHash: 'h:old-password-1', ...overrides };
}

const view = ({ passwordHash: _hash, ...member }: Row): StaffMember => member;

/**
 * staff_users of two tenants in memory behind the ports. Every call is logged with whether it ran
 * inside TenantTransaction.run, so tests can see what is atomic.
 */
function build(rows: Row[]) {
  const log: string[] = [];
  let inTransaction = false;
  const note = (entry: string) => log.push(inTransaction ? `tx:${entry}` : entry);
  const mine = (tenantId: string, id: string) => rows.find((r) => r.tenantId === tenantId && r.id === id);

  const staff = strict<StaffRepository>('StaffRepository', {
    create: async (tenantId: string, member: NewStaffMember) => {
      note(`create ${member.email}`);
      if (rows.some((r) => r.email === member.email)) throw new EmailTakenError();
      const created = row(`new-${rows.length}`, { ...member, tenantId });
      rows.push(created);
      return view(created);
    },
    list: async (tenantId: string, filter: StaffFilter) => {
      note('list');
      const items = rows.filter((r) => r.tenantId === tenantId && (!filter.role || r.role === filter.role)).map(view);
      return { items: items.slice(filter.offset, filter.offset + filter.limit), total: items.length };
    },
    findById: async (tenantId: string, id: string) => {
      note(`findById ${id}`);
      const found = mine(tenantId, id);
      return found ? view(found) : null;
    },
    findPlatformAdmin: async (id: string) => {
      note(`findPlatformAdmin ${id}`);
      const found = rows.find((r) => r.id === id && r.tenantId === null);
      return found ? view(found) : null;
    },
    lockActiveAdminIds: async (tenantId: string) => {
      note('lockActiveAdminIds');
      return rows.filter((r) => r.tenantId === tenantId && r.role === 'tenant_admin' && r.status === 'active').map((r) => r.id);
    },
    update: async (tenantId: string, id: string, patch: StaffPatch) => {
      note(`update ${id} ${JSON.stringify(patch)}`);
      const target = mine(tenantId, id);
      if (!target) throw new StaffNotFoundError();
      if (patch.name !== undefined) target.name = patch.name;
      if (patch.role) target.role = patch.role;
      if (patch.passwordHash) target.passwordHash = patch.passwordHash;
      if (patch.disabled !== undefined) target.status = patch.disabled ? 'disabled' : 'active';
      return view(target);
    },
    delete: async (tenantId: string, id: string) => {
      note(`delete ${id}`);
      rows.splice(rows.indexOf(mine(tenantId, id)!), 1);
    },
  });
  const tx = strict<TenantTransaction>('TenantTransaction', {
    run: async <T>(tenantId: string, work: () => Promise<T>): Promise<T> => {
      log.push(`begin ${tenantId}`);
      inTransaction = true;
      try {
        return await work();
      } finally {
        inTransaction = false;
      }
    },
  });
  const refreshTokens = strict<RefreshTokenStore>('RefreshTokenStore', {
    revokeAllOfUser: async (tenantId: string, userId: string) => note(`revokeAllOfUser ${tenantId} ${userId}`),
  });
  const hasher = strict<PasswordHasher>('PasswordHasher', {
    hash: async (password: string) => {
      note('hash');
      return `h:${password}`;
    },
  });
  const changes = new StaffChanges(tx, staff, refreshTokens);
  return {
    rows,
    log,
    revoked: () => log.filter((entry) => entry.includes('revokeAllOfUser')),
    create: new CreateStaff(staff, hasher),
    update: new UpdateStaff(changes, staff, hasher),
    setStatus: new SetStaffStatus(changes, staff),
    remove: new DeleteStaff(changes, staff),
    queries: new StaffQueries(staff),
  };
}

const ADMIN: TenantPrincipal = { userId: 'admin', tenantId: 'tenant-a', role: 'tenant_admin' };

function tenantA() {
  return [
    row('admin', { role: 'tenant_admin' }),
    row('second-admin', { role: 'tenant_admin' }),
    row('agent'),
    row('other-tenant-agent', { tenantId: 'tenant-b' }),
    row('root', { tenantId: null, role: 'platform_admin' }),
  ];
}

describe('CreateStaff', () => {
  it("adds the account to the caller's tenant with a normalised e-mail, a hashed password and a trimmed name", async () => {
    const { create, rows } = build(tenantA());

    const created = await create.execute('tenant-a', { email: '  Joana@Barbearia.EXAMPLE ', password: 'joana-senha-2024', role: 'agent', name: '  Joana  ' });

    expect(created).toMatchObject({ tenantId: 'tenant-a', email: 'joana@barbearia.example', name: 'Joana', role: 'agent', status: 'active' });
    expect(created).not.toHaveProperty('passwordHash');
    expect(rows.find((r) => r.id === created.id)?.passwordHash).toBe('h:joana-senha-2024');
  });

  it('stores a blank name as none', async () => {
    const { create } = build(tenantA());

    await expect(create.execute('tenant-a', { email: 'x@barbearia.example', password: 'joana-senha-2024', role: 'agent', name: '   ' })).resolves.toMatchObject({ name: null });
  });

  it('refuses a weak password before hashing or storing anything', async () => {
    const { create, log } = build(tenantA());

    await expect(create.execute('tenant-a', { email: 'x@barbearia.example', password: 'short', role: 'agent' })).rejects.toBeInstanceOf(WeakPasswordError);
    expect(log).toEqual([]);
  });

  it('passes on the conflict of an e-mail taken anywhere on the platform', async () => {
    const { create } = build(tenantA());

    await expect(create.execute('tenant-a', { email: 'other-tenant-agent@barbearia.example', password: 'joana-senha-2024', role: 'agent' })).rejects.toBeInstanceOf(EmailTakenError);
  });
});

describe('StaffQueries', () => {
  it("finds only the caller's tenant's staff: another tenant's id and a platform admin's id are not found", async () => {
    const { queries } = build(tenantA());

    await expect(queries.get('tenant-a', 'agent')).resolves.toMatchObject({ id: 'agent' });
    await expect(queries.get('tenant-a', 'other-tenant-agent')).rejects.toBeInstanceOf(StaffNotFoundError);
    await expect(queries.get('tenant-a', 'root')).rejects.toBeInstanceOf(StaffNotFoundError);
  });

  it('reads the own account of a tenant user inside their tenant, and of a platform admin outside every tenant', async () => {
    const { queries, log } = build(tenantA());

    await expect(queries.me(ADMIN)).resolves.toMatchObject({ id: 'admin', tenantId: 'tenant-a' });
    await expect(queries.me({ userId: 'root', tenantId: null, role: 'platform_admin' })).resolves.toMatchObject({ id: 'root', tenantId: null, role: 'platform_admin' });
    expect(log).toEqual(['findById admin', 'findPlatformAdmin root']);
  });
});

describe('SetStaffStatus', () => {
  it('disables another staff user and revokes their refresh tokens in the same transaction', async () => {
    const { setStatus, log } = build(tenantA());

    await expect(setStatus.execute(ADMIN, 'agent', 'disabled')).resolves.toMatchObject({ id: 'agent', status: 'disabled' });

    expect(log).toEqual(['begin tenant-a', 'tx:lockActiveAdminIds', 'tx:findById agent', 'tx:update agent {"disabled":true}', 'tx:revokeAllOfUser tenant-a agent']);
  });

  it('refuses to let an admin disable themself, changing and revoking nothing', async () => {
    const { setStatus, log, rows } = build(tenantA());

    await expect(setStatus.execute(ADMIN, 'admin', 'disabled')).rejects.toBeInstanceOf(OwnAccountLockoutError);

    expect(log.some((entry) => entry.includes('update') || entry.includes('revoke'))).toBe(false);
    expect(rows.find((r) => r.id === 'admin')?.status).toBe('active');
  });

  it('refuses to disable the last active admin, as when a concurrent change removed the caller first', async () => {
    const rows = tenantA();
    rows[0].status = 'disabled';
    const { setStatus } = build(rows);

    await expect(setStatus.execute(ADMIN, 'second-admin', 'disabled')).rejects.toBeInstanceOf(LastActiveAdminError);
  });

  it('re-enables a disabled user without touching their sessions', async () => {
    const rows = tenantA();
    rows[2].status = 'disabled';
    const { setStatus, revoked } = build(rows);

    await expect(setStatus.execute(ADMIN, 'agent', 'active')).resolves.toMatchObject({ status: 'active' });
    expect(revoked()).toEqual([]);
  });

  it("answers another tenant's staff id as not found, changing nothing", async () => {
    const { setStatus, log } = build(tenantA());

    await expect(setStatus.execute(ADMIN, 'other-tenant-agent', 'disabled')).rejects.toBeInstanceOf(StaffNotFoundError);
    expect(log.some((entry) => entry.includes('update'))).toBe(false);
  });
});

describe('UpdateStaff', () => {
  it('renames without ending sessions', async () => {
    const { update, revoked } = build(tenantA());

    await expect(update.execute(ADMIN, 'agent', { name: 'Carla' })).resolves.toMatchObject({ name: 'Carla' });
    expect(revoked()).toEqual([]);
  });

  it('clears the name with null', async () => {
    const rows = tenantA();
    rows[2].name = 'Carla';
    const { update } = build(rows);

    await expect(update.execute(ADMIN, 'agent', { name: null })).resolves.toMatchObject({ name: null });
  });

  it('sets a new password, hashed before the transaction, and ends every session of the account', async () => {
    const { update, log, rows } = build(tenantA());

    await update.execute(ADMIN, 'agent', { password: 'nova-senha-2025' });

    expect(rows.find((r) => r.id === 'agent')?.passwordHash).toBe('h:nova-senha-2025');
    expect(log.indexOf('hash')).toBeLessThan(log.indexOf('begin tenant-a'));
    expect(log).toContain('tx:revokeAllOfUser tenant-a agent');
  });

  it('refuses a weak new password before anything else', async () => {
    const { update, log } = build(tenantA());

    await expect(update.execute(ADMIN, 'agent', { password: 'aaaaaaaaaaaa' })).rejects.toBeInstanceOf(WeakPasswordError);
    expect(log).toEqual([]);
  });

  it('promotes an agent and ends their sessions, so their next token carries the new role', async () => {
    const { update, revoked } = build(tenantA());

    await expect(update.execute(ADMIN, 'agent', { role: 'tenant_admin' })).resolves.toMatchObject({ role: 'tenant_admin' });
    expect(revoked()).toEqual(['tx:revokeAllOfUser tenant-a agent']);
  });

  it('keeps the sessions when the role sent is the one the user has', async () => {
    const { update, revoked } = build(tenantA());

    await update.execute(ADMIN, 'agent', { role: 'agent' });
    expect(revoked()).toEqual([]);
  });

  it('demotes another admin while the caller remains one', async () => {
    const { update } = build(tenantA());

    await expect(update.execute(ADMIN, 'second-admin', { role: 'agent' })).resolves.toMatchObject({ role: 'agent' });
  });

  it('refuses to let an admin demote themself, but lets them rename themself', async () => {
    const { update } = build(tenantA());

    await expect(update.execute(ADMIN, 'admin', { role: 'agent' })).rejects.toBeInstanceOf(OwnAccountLockoutError);
    await expect(update.execute(ADMIN, 'admin', { name: 'Dona Ana' })).resolves.toMatchObject({ name: 'Dona Ana', role: 'tenant_admin' });
  });
});

describe('DeleteStaff', () => {
  it('deletes another staff user inside the transaction, leaving their refresh tokens to the cascade', async () => {
    const { remove, rows, log } = build(tenantA());

    await remove.execute(ADMIN, 'agent');

    expect(rows.some((r) => r.id === 'agent')).toBe(false);
    expect(log).toEqual(['begin tenant-a', 'tx:lockActiveAdminIds', 'tx:findById agent', 'tx:delete agent']);
  });

  it('refuses to let an admin delete themself', async () => {
    const { remove, rows } = build(tenantA());

    await expect(remove.execute(ADMIN, 'admin')).rejects.toBeInstanceOf(OwnAccountLockoutError);
    expect(rows.some((r) => r.id === 'admin')).toBe(true);
  });

  it("answers a platform admin's id or another tenant's as not found", async () => {
    const { remove, rows } = build(tenantA());

    await expect(remove.execute(ADMIN, 'root')).rejects.toBeInstanceOf(StaffNotFoundError);
    await expect(remove.execute(ADMIN, 'other-tenant-agent')).rejects.toBeInstanceOf(StaffNotFoundError);
    expect(rows).toHaveLength(5);
  });
});
