/**
 * A contact's burst: the first message opens a window of `windowMs` (shared by every process); each
 * message of the window is handed to the AI when it closes, and the first run answers them all.
 */
export interface BurstWindow {
  key: string;
  windowMs: number;
}

export abstract class AiJobQueue {
  /**
   * Idempotent per inbound message; without a burst window the job runs at once. Never waits on a
   * Redis outage: the message is in PostgreSQL, and the reconciler queues it when Redis is back.
   */
  abstract enqueue(job: { tenantId: string; inboundMessageId: string; correlationId: string }, burst?: BurstWindow): Promise<void>;
}
