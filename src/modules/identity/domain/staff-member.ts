import type { StaffRole } from '@core/auth/principal';

/** The roles a tenant admin may give; platform admins are never managed inside a tenant. */
export const TENANT_STAFF_ROLES = ['tenant_admin', 'agent'] as const;
export type TenantStaffRole = (typeof TENANT_STAFF_ROLES)[number];

export type StaffStatus = 'active' | 'disabled';

/** A staff account as its managers see it: never the password hash. */
export interface StaffMember {
  id: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: StaffRole;
  status: StaffStatus;
  createdAt: Date;
  lastLoginAt: Date | null;
}
