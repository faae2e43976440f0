import type { ReconcileWindow } from '../../domain/reconcile-window';

/** A message whose job may have been lost: enough to queue that job again. */
export interface UnfinishedMessage {
  tenantId: string;
  messageId: string;
  correlationId: string | null;
}

/** An accepted inbound message without an AI outcome; a voice note may still wait for its transcript. */
export interface UnfinishedInbound extends UnfinishedMessage {
  awaits: 'transcript' | 'answer';
}

/** Settled (past the grace period) and within the horizon, and those beyond it. */
export interface MessageBacklog {
  inboundAwaitingAnswer: number;
  outboundAwaitingSend: number;
  inboundBeyondHorizon: number;
  outboundBeyondHorizon: number;
}

/**
 * Across tenants, by nature: what PostgreSQL says still needs work. An inbound message has its
 * outcome once processed_at is set (answered, handed off, throttled, opted out, disabled number);
 * an outbound one once it has a provider SID or a status past 'pending'. A part of a long message
 * is sent by its parent's job and is never listed.
 */
export abstract class UnfinishedMessages {
  /** Oldest first, at most `limit`. */
  abstract inboundAwaitingOutcome(window: ReconcileWindow, limit: number): Promise<UnfinishedInbound[]>;
  /** Oldest first, at most `limit`. */
  abstract outboundNeverSent(window: ReconcileWindow, limit: number): Promise<UnfinishedMessage[]>;
  abstract backlog(window: ReconcileWindow): Promise<MessageBacklog>;
}
