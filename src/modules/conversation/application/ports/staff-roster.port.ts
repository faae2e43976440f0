/** Which staff accounts of a tenant may work on conversations now (agents and admins, not disabled). */
export abstract class StaffRoster {
  /** Those of `staffIds` that are active staff of the tenant. */
  abstract activeAmong(tenantId: string, staffIds: string[]): Promise<string[]>;
}
