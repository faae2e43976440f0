import type { Principal, StaffRole } from '@core/auth/principal';
import type { TenantStatus } from './tenant';

/** What is stored now about the account behind an access token: looked up on every request. */
export interface StaffAccess {
  userId: string;
  tenantId: string | null;
  role: StaffRole;
  disabled: boolean;
  /** null for platform admins, who have no tenant. */
  tenantStatus: TenantStatus | null;
}

/**
 * An access token stays good only while its account exists, is enabled, belongs to an active
 * tenant, and still has the tenant and role the token was issued with (a role change ends sessions).
 */
export function accessStillGranted(access: StaffAccess | null, claimed: Principal): boolean {
  if (!access || access.disabled) return false;
  if (access.userId !== claimed.userId || access.tenantId !== claimed.tenantId || access.role !== claimed.role) return false;
  return access.tenantId === null || access.tenantStatus === 'active';
}

/** Whether the account may get new sessions at all (refresh): enabled, and its tenant active. */
export function accountUsable(access: StaffAccess | null): access is StaffAccess {
  if (!access || access.disabled) return false;
  return access.tenantId === null || access.tenantStatus === 'active';
}
