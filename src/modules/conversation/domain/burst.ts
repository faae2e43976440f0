/**
 * Bursts: customers write several short messages in a row. Every inbound message from one contact
 * to one number that no run has answered yet is answered by the next run, in one AI call and one
 * reply: the newest message is the one answered (the reply and the audit refer to it), the earlier
 * ones are its context and are marked handled with it.
 */
export interface BurstMessage {
  id: string;
  tenantId: string;
  whatsappNumberId: string;
  fromAddress: string;
  createdAt: Date;
}

export interface Burst<M extends BurstMessage> {
  /** The newest message: the one the reply answers. */
  last: M;
  /** The older unanswered messages, oldest first. */
  earlier: M[];
}

/** One key per contact and number: at most one AI run at a time holds it. */
export function burstKey(message: Pick<BurstMessage, 'tenantId' | 'whatsappNumberId' | 'fromAddress'>): string {
  return `${message.tenantId}:${message.whatsappNumberId}:${message.fromAddress}`;
}

/** The burst a run answers, from the contact's unanswered messages; null when there are none. */
export function burstOf<M extends BurstMessage>(unanswered: readonly M[]): Burst<M> | null {
  if (unanswered.length === 0) return null;
  // Stable sort: messages stored in the same millisecond keep the order the database gave.
  const ordered = [...unanswered].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { last: ordered[ordered.length - 1], earlier: ordered.slice(0, -1) };
}

/** Every message of the burst, oldest first. */
export function burstMessages<M extends BurstMessage>(burst: Burst<M>): M[] {
  return [...burst.earlier, burst.last];
}
