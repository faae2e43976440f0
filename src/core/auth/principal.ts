export const STAFF_ROLES = ['platform_admin', 'tenant_admin', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, from a verified access token. tenantId is null only for platform admins. */
export interface Principal {
  userId: string;
  tenantId: string | null;
  role: StaffRole;
}

/** A principal that acts inside one tenant. */
export interface TenantPrincipal extends Principal {
  tenantId: string;
}
