/** Runs several repository calls of one tenant in one transaction. */
export abstract class UnitOfWork {
  abstract run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
}
