import type { Tenant } from '../../domain/tenant';
import type { StaffUser } from '../../domain/staff-user';

export interface NewTenantWithAdmin {
  name: string;
  admin: { email: string; passwordHash: string };
  /** Subscribed to this plan, or to the default plan when absent. */
  planCode?: string;
}

export abstract class TenantRepository {
  /**
   * Creates the tenant, its first admin and its subscription atomically; throws EmailTakenError on a
   * taken e-mail and UnknownPlanError on an unknown plan code.
   */
  abstract createWithAdmin(input: NewTenantWithAdmin): Promise<{ tenant: Tenant; admin: StaffUser; planCode: string }>;
  abstract findById(id: string): Promise<Tenant | null>;
  abstract findByName(name: string): Promise<Tenant | null>;
}
