/** Held by the one AI run of a conversation; the holder must release it. */
export interface RunLease {
  /** Grows with every acquisition of the key: tells a later holder from an earlier one in logs. */
  readonly fencingToken: number;
  release(): Promise<void>;
}

/**
 * One AI run per conversation at a time, across every worker process. A crashed holder's lease
 * expires by itself; a live holder keeps it alive for as long as its run takes.
 */
export abstract class ConversationRunLock {
  /** null when another run holds the key (the caller waits and tries again later). */
  abstract tryAcquire(key: string): Promise<RunLease | null>;
}
