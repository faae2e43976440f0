/**
 * Runs several repository calls of one tenant in one transaction (any module's repositories:
 * they all go through ScopedDb, which shares the transaction for nested calls of that tenant).
 */
export abstract class TenantTransaction {
  abstract run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;

  /** The same for platform-scoped work (platform admins' actions). */
  abstract runAsPlatform<T>(work: () => Promise<T>): Promise<T>;
}
