import type { StaffMember, TenantStaffRole } from './staff-member';
import { LastActiveAdminError, OwnAccountLockoutError } from './staff.errors';

export type StaffChange =
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'delete' }
  | { kind: 'update'; role?: TenantStaffRole; passwordChanged?: boolean };

/** Does the change take an active tenant admin away from the tenant? */
function removesActiveAdmin(target: StaffMember, change: StaffChange): boolean {
  if (target.role !== 'tenant_admin' || target.status !== 'active') return false;
  if (change.kind === 'disable' || change.kind === 'delete') return true;
  return change.kind === 'update' && change.role !== undefined && change.role !== 'tenant_admin';
}

/**
 * A tenant admin may not lock themself out, and the tenant keeps at least one active admin.
 * activeAdminIds: the tenant's active admins, read under a lock so concurrent changes see each other.
 */
export function assertStaffChangeAllowed(input: { actorId: string; target: StaffMember; change: StaffChange; activeAdminIds: readonly string[] }): void {
  const { actorId, target, change, activeAdminIds } = input;
  const demotes = change.kind === 'update' && change.role !== undefined && change.role !== target.role && target.role === 'tenant_admin';
  if (target.id === actorId && (change.kind === 'disable' || change.kind === 'delete' || demotes)) throw new OwnAccountLockoutError();
  if (removesActiveAdmin(target, change) && !activeAdminIds.some((id) => id !== target.id)) throw new LastActiveAdminError();
}

/** Disabling, deleting, a new password or a new role ends every session of the account. */
export function endsSessions(target: StaffMember, change: StaffChange): boolean {
  if (change.kind === 'disable' || change.kind === 'delete') return true;
  if (change.kind === 'enable') return false;
  return change.passwordChanged === true || (change.role !== undefined && change.role !== target.role);
}
