export abstract class TranscriptionQueue {
  /** Idempotent per inbound message. */
  abstract enqueue(job: { tenantId: string; inboundMessageId: string; correlationId: string }): Promise<void>;
}
