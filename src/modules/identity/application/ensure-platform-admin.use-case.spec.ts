import { Logger } from '@nestjs/common';
import type { StaffRole } from '@core/auth/principal';
import type { StaffUser } from '../domain/staff-user';
import { EnsurePlatformAdmin } from './ensure-platform-admin.use-case';
import type { PasswordHasher } from './ports/password-hasher.port';
import type { NewStaffUser, StaffUserRepository } from './ports/staff-user.repository.port';
import { strict } from '@test/support/strict-fake';

type Call =
  | ['users.findByEmail', string]
  | ['users.insertIfAbsent', NewStaffUser]
  | ['users.updatePassword', string, string]
  | ['hasher.hash', string]
  | ['hasher.verify', string, string];

function account(role: StaffRole, passwordHash: string): StaffUser {
  return {
    id: 'user-1',
    tenantId: role === 'platform_admin' ? null : 'tenant-1',
    email: 'admin@atende.example',
    passwordHash,
    role,
    disabledAt: null,
  };
}

/** Over an in-memory staff table and a readable fake hasher ('h:' + password). */
function build(existing: StaffUser[] = []) {
  const calls: Call[] = [];
  const rows = existing.map((u) => ({ ...u }));
  const users = strict<StaffUserRepository>('StaffUserRepository', {
    findByEmail: async (email: string) => {
      calls.push(['users.findByEmail', email]);
      const row = rows.find((u) => u.email === email);
      return row ? { ...row } : null;
    },
    insertIfAbsent: async (user: NewStaffUser) => {
      calls.push(['users.insertIfAbsent', user]);
      const row = rows.find((u) => u.email === user.email) ?? { id: `user-${rows.length + 1}`, disabledAt: null, ...user };
      if (!rows.includes(row)) rows.push(row);
      return { ...row };
    },
    updatePassword: async (id: string, passwordHash: string) => {
      calls.push(['users.updatePassword', id, passwordHash]);
      const row = rows.find((u) => u.id === id);
      if (row) row.passwordHash = passwordHash;
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
  const names = () => calls.map((call) => call[0]);
  return { useCase: new EnsurePlatformAdmin(users, hasher), calls, names, rows };
}

describe('EnsurePlatformAdmin', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('creates the platform admin when the account is missing, with no tenant and the e-mail in lower case', async () => {
    const { useCase, calls, rows } = build();

    await useCase.execute('  Admin@Atende.EXAMPLE ', 'correct-horse-42');

    expect(calls).toEqual([
      ['users.findByEmail', 'admin@atende.example'],
      ['hasher.hash', 'correct-horse-42'],
      ['users.insertIfAbsent', { tenantId: null, email: 'admin@atende.example', passwordHash: 'h:correct-horse-42', role: 'platform_admin' }],
    ]);
    expect(rows).toHaveLength(1);
  });

  it('leaves an existing platform admin whose password matches untouched', async () => {
    const { useCase, calls } = build([account('platform_admin', 'h:correct-horse-42')]);

    await useCase.execute('admin@atende.example', 'correct-horse-42');

    expect(calls).toEqual([
      ['users.findByEmail', 'admin@atende.example'],
      ['hasher.verify', 'h:correct-horse-42', 'correct-horse-42'],
    ]);
  });

  it('resets the password of an existing platform admin when ADMIN_PASSWORD changed', async () => {
    const { useCase, calls, rows } = build([account('platform_admin', 'h:old-password-1')]);

    await useCase.execute('admin@atende.example', 'new-password-2');

    expect(calls.slice(-2)).toEqual([
      ['hasher.hash', 'new-password-2'],
      ['users.updatePassword', 'user-1', 'h:new-password-2'],
    ]);
    expect(rows[0]?.passwordHash).toBe('h:new-password-2');
  });

  it('creates the account once when run again, and then leaves it alone', async () => {
    const { useCase, names, rows } = build();

    await useCase.execute('admin@atende.example', 'correct-horse-42');
    await useCase.execute('admin@atende.example', 'correct-horse-42');

    expect(rows).toHaveLength(1);
    expect(names().filter((n) => n === 'users.insertIfAbsent')).toHaveLength(1);
    expect(names()).not.toContain('users.updatePassword');
  });

  it.each(['tenant_admin', 'agent'] as const)('refuses to touch a %s account that holds the admin e-mail', async (role) => {
    const { useCase, calls, rows } = build([account(role, 'h:their-own-password-3')]);

    await expect(useCase.execute('admin@atende.example', 'correct-horse-42')).resolves.toBeUndefined();

    expect(calls).toEqual([['users.findByEmail', 'admin@atende.example']]);
    expect(rows).toEqual([account(role, 'h:their-own-password-3')]);
  });
});
