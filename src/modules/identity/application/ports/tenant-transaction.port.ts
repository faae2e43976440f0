/** Runs several repository calls of one tenant in one transaction. */
export abstract class TenantTransaction {
  abstract run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
}
