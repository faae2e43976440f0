/**
 * Runs work in at most one process at a time across the deployment (every process sharing the
 * database), without depending on Redis: a second caller does not wait, it is told it did not run.
 */
export abstract class ExclusiveRun {
  abstract tryRun<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }>;
}
