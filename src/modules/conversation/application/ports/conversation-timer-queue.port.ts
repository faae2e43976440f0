export interface UnclaimedNoticeTimer {
  tenantId: string;
  conversationId: string;
  /** When the conversation entered HANDOFF_PENDING: one notice per handoff. */
  handoffAt: Date;
  correlationId: string;
}

/** Delayed work on conversations, run by the worker processes; survives restarts (kept in Redis). */
export abstract class ConversationTimerQueue {
  /** Idempotent per conversation and handoff: scheduling the same handoff again is a no-op. */
  abstract scheduleUnclaimedNotice(timer: UnclaimedNoticeTimer, delayMs: number): Promise<void>;
}
