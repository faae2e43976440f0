import type { IdleConversation } from '../../domain/inactivity';
import type { Message } from '../../domain/message';

/** An open conversation of some tenant that the inactivity timer owes a follow-up or a close. */
export interface IdleCandidate {
  tenantId: string;
  conversationId: string;
  /** Where the next page of candidates starts (opaque). */
  cursor: string;
}

export interface LockedConversation extends IdleConversation {
  id: string;
  tenantId: string;
  /** The customer's latest message, to speak their language. */
  customerText: string | null;
}

export interface SystemMessageToStore {
  tenantId: string;
  conversationId: string;
  body: string;
  correlationId: string;
}

/** What the conversation timers read and write; each "mark" is a conditional update, true only for its one winner. */
export abstract class ConversationTimerStore {
  /**
   * Cross-tenant (platform scope): open conversations past their tenant's follow-up or close time,
   * oldest activity first, after `cursor` (from the previous page; null for the first).
   */
  abstract findIdle(cursor: string | null, limit: number): Promise<IdleCandidate[]>;
  /** The conversation if still open, locked until the surrounding tenant transaction ends. */
  abstract lockOpen(tenantId: string, conversationId: string): Promise<LockedConversation | null>;
  /** Records the follow-up of the current idle spell; false if it was already sent or the chat is no longer eligible. */
  abstract markFollowedUp(tenantId: string, conversationId: string): Promise<boolean>;
  /**
   * Records the unclaimed notice of the handoff at `handoffAt` if the conversation still waits
   * unassigned in the queue for that handoff and was not told yet; null otherwise.
   */
  abstract markUnclaimedNotified(tenantId: string, conversationId: string, handoffAt: Date): Promise<{ customerText: string | null } | null>;
  /** An outbound message by 'system' to the conversation's customer, pending for the send queue. Does not count as activity. */
  abstract storeSystemMessage(message: SystemMessageToStore): Promise<Message>;
  /** System messages stored under this correlation id and not yet handed to the send queue's worker. */
  abstract pendingSystemMessages(tenantId: string, conversationId: string, correlationId: string): Promise<Message[]>;
}
