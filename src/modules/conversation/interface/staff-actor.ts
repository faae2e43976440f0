import type { TenantPrincipal } from '@core/auth/principal';
import type { StaffActor } from '../domain/assignment';

/** The caller as the assignment rules see them (routes are for tenant admins and agents only). */
export function staffActorOf(caller: TenantPrincipal): StaffActor {
  return { id: caller.userId, role: caller.role === 'tenant_admin' ? 'tenant_admin' : 'agent' };
}
