export type TenantStatus = 'active' | 'suspended';

export interface Tenant {
  id: string;
  name: string;
  status: TenantStatus;
  createdAt: Date;
}

/** A tenant as the management API shows it: with when it was suspended and the code of its plan. */
export interface TenantDetails extends Tenant {
  suspendedAt: Date | null;
  planCode: string;
}
