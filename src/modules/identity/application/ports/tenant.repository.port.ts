import type { Tenant } from '../../domain/tenant';
import type { StaffUser } from '../../domain/staff-user';

export interface NewTenantWithAdmin {
  name: string;
  admin: { email: string; passwordHash: string };
}

export abstract class TenantRepository {
  /** Creates the tenant and its first admin atomically; throws EmailTakenError on a taken e-mail. */
  abstract createWithAdmin(input: NewTenantWithAdmin): Promise<{ tenant: Tenant; admin: StaffUser }>;
  abstract findById(id: string): Promise<Tenant | null>;
  abstract findByName(name: string): Promise<Tenant | null>;
}
