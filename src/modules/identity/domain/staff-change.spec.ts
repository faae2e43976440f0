import type { StaffMember } from './staff-member';
import { assertStaffChangeAllowed, endsSessions, type StaffChange } from './staff-change';
import { LastActiveAdminError, OwnAccountLockoutError } from './staff.errors';

function member(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: 'target',
    tenantId: 'tenant-1',
    email: 'bia@barbearia.example',
    name: 'Bia',
    role: 'tenant_admin',
    status: 'active',
    createdAt: new Date('2025-01-01T00:00:00Z'),
    lastLoginAt: null,
    ...overrides,
  };
}

const check = (target: StaffMember, change: StaffChange, activeAdminIds: string[], actorId = 'actor') => () =>
  assertStaffChangeAllowed({ actorId, target, change, activeAdminIds });

describe('assertStaffChangeAllowed', () => {
  it('refuses an admin disabling, deleting or demoting their own account', () => {
    const self = member({ id: 'actor' });
    for (const change of [{ kind: 'disable' }, { kind: 'delete' }, { kind: 'update', role: 'agent' }] as StaffChange[]) {
      expect(check(self, change, ['actor', 'other'])).toThrow(OwnAccountLockoutError);
    }
  });

  it('lets an admin rename themself, change their own password, or re-state their own role', () => {
    const self = member({ id: 'actor' });
    expect(check(self, { kind: 'update', passwordChanged: true }, ['actor'])).not.toThrow();
    expect(check(self, { kind: 'update', role: 'tenant_admin' }, ['actor'])).not.toThrow();
    expect(check(self, { kind: 'enable' }, ['actor'])).not.toThrow();
  });

  it('lets an admin disable, delete or demote another admin while one active admin remains', () => {
    for (const change of [{ kind: 'disable' }, { kind: 'delete' }, { kind: 'update', role: 'agent' }] as StaffChange[]) {
      expect(check(member(), change, ['actor', 'target'])).not.toThrow();
    }
  });

  it('refuses to take away the last active admin, as when a concurrent change already removed the caller', () => {
    for (const change of [{ kind: 'disable' }, { kind: 'delete' }, { kind: 'update', role: 'agent' }] as StaffChange[]) {
      expect(check(member(), change, ['target'])).toThrow(LastActiveAdminError);
    }
  });

  it('does not count a disabled admin or an agent as the admin that must remain', () => {
    expect(check(member({ role: 'agent' }), { kind: 'delete' }, [])).not.toThrow();
    expect(check(member({ status: 'disabled' }), { kind: 'delete' }, [])).not.toThrow();
    expect(check(member({ status: 'disabled' }), { kind: 'update', role: 'agent' }, [])).not.toThrow();
  });

  it('lets anyone be promoted or re-enabled even when no other admin is active', () => {
    expect(check(member({ role: 'agent' }), { kind: 'update', role: 'tenant_admin' }, [])).not.toThrow();
    expect(check(member({ status: 'disabled' }), { kind: 'enable' }, [])).not.toThrow();
  });
});

describe('endsSessions', () => {
  it('ends the sessions of a disabled or deleted account, and of one with a new password or role', () => {
    expect(endsSessions(member(), { kind: 'disable' })).toBe(true);
    expect(endsSessions(member(), { kind: 'delete' })).toBe(true);
    expect(endsSessions(member(), { kind: 'update', passwordChanged: true })).toBe(true);
    expect(endsSessions(member(), { kind: 'update', role: 'agent' })).toBe(true);
  });

  it('keeps the sessions when only the name changes, the role stays the same, or the account is enabled', () => {
    expect(endsSessions(member(), { kind: 'update' })).toBe(false);
    expect(endsSessions(member(), { kind: 'update', role: 'tenant_admin' })).toBe(false);
    expect(endsSessions(member(), { kind: 'enable' })).toBe(false);
  });
});
