export abstract class TranscriptionQueue {
  /** Idempotent per inbound message; on a Redis outage the reconciler queues it later. */
  abstract enqueue(job: { tenantId: string; inboundMessageId: string; correlationId: string }): Promise<void>;
}
