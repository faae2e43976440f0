/**
 * The tenant's automatic round robin (conversation_settings.auto_assign and last_assigned_staff_id).
 * Both calls join the caller's transaction, so assignments of one tenant take turns.
 */
export abstract class AssignmentRotation {
  /** Whether the tenant assigns handoffs automatically, and who got the last one; locked until the transaction ends. */
  abstract lock(tenantId: string): Promise<{ enabled: boolean; lastAssigned: string | null }>;
  abstract advance(tenantId: string, staffId: string): Promise<void>;
}
