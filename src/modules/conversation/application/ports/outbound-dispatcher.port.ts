/** Hands a stored outbound message to the send queue (idempotent per message; on a Redis outage the reconciler does it later). */
export abstract class OutboundDispatcher {
  abstract dispatch(job: { tenantId: string; messageId: string; correlationId: string }): Promise<void>;
}
