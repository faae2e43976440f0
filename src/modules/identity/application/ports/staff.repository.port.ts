import type { Page } from '@core/http/pagination.dto';
import type { StaffMember, StaffStatus, TenantStaffRole } from '../../domain/staff-member';

export interface StaffFilter {
  role?: TenantStaffRole;
  status?: StaffStatus;
  /** Part of the e-mail or the name, any case. */
  q?: string;
  limit: number;
  offset: number;
}

export interface NewStaffMember {
  email: string;
  passwordHash: string;
  role: TenantStaffRole;
  name: string | null;
}

export interface StaffPatch {
  name?: string | null;
  role?: TenantStaffRole;
  passwordHash?: string;
  disabled?: boolean;
}

/** A tenant's staff, always inside that tenant: platform admins and other tenants' staff are never found. */
export abstract class StaffRepository {
  /** Throws EmailTakenError when the e-mail is taken anywhere on the platform. */
  abstract create(tenantId: string, member: NewStaffMember): Promise<StaffMember>;
  abstract list(tenantId: string, filter: StaffFilter): Promise<Page<StaffMember>>;
  abstract findById(tenantId: string, id: string): Promise<StaffMember | null>;
  /** A platform admin's own account (the only staff outside every tenant). */
  abstract findPlatformAdmin(id: string): Promise<StaffMember | null>;
  /** The ids of the tenant's active admins, locked until the surrounding transaction ends. */
  abstract lockActiveAdminIds(tenantId: string): Promise<string[]>;
  abstract update(tenantId: string, id: string, patch: StaffPatch): Promise<StaffMember>;
  abstract delete(tenantId: string, id: string): Promise<void>;
}
