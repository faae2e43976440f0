import type { Principal } from '@core/auth/principal';
import { accessStillGranted, accountUsable, type StaffAccess } from './staff-access';

const claimed: Principal = { userId: 'user-1', tenantId: 'tenant-1', role: 'agent' };
const stored = (overrides: Partial<StaffAccess> = {}): StaffAccess => ({ userId: 'user-1', tenantId: 'tenant-1', role: 'agent', disabled: false, tenantStatus: 'active', ...overrides });

describe('accessStillGranted', () => {
  it('grants an enabled account of an active tenant with the role and tenant of its token', () => {
    expect(accessStillGranted(stored(), claimed)).toBe(true);
  });

  it('withdraws access from a deleted or disabled account at once', () => {
    expect(accessStillGranted(null, claimed)).toBe(false);
    expect(accessStillGranted(stored({ disabled: true }), claimed)).toBe(false);
  });

  it('withdraws access from the staff of a suspended tenant', () => {
    expect(accessStillGranted(stored({ tenantStatus: 'suspended' }), claimed)).toBe(false);
  });

  it('withdraws a token issued before a role change, either way', () => {
    expect(accessStillGranted(stored({ role: 'tenant_admin' }), claimed)).toBe(false);
    expect(accessStillGranted(stored({ role: 'agent' }), { ...claimed, role: 'tenant_admin' })).toBe(false);
  });

  it('refuses a token whose tenant or user does not match the stored account', () => {
    expect(accessStillGranted(stored({ tenantId: 'tenant-2' }), claimed)).toBe(false);
    expect(accessStillGranted(stored({ userId: 'user-2' }), claimed)).toBe(false);
  });

  it('grants a platform admin, who has no tenant to be suspended', () => {
    const admin: Principal = { userId: 'root', tenantId: null, role: 'platform_admin' };
    expect(accessStillGranted(stored({ userId: 'root', tenantId: null, role: 'platform_admin', tenantStatus: null }), admin)).toBe(true);
  });
});

describe('accountUsable', () => {
  it('accepts an enabled account of an active tenant, and a platform admin', () => {
    expect(accountUsable(stored())).toBe(true);
    expect(accountUsable(stored({ tenantId: null, role: 'platform_admin', tenantStatus: null }))).toBe(true);
  });

  it('refuses a missing or disabled account and one whose tenant is suspended', () => {
    expect(accountUsable(null)).toBe(false);
    expect(accountUsable(stored({ disabled: true }))).toBe(false);
    expect(accountUsable(stored({ tenantStatus: 'suspended' }))).toBe(false);
  });
});
