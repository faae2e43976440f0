import type { ConversationSettings } from './conversation-settings';
import type { ConversationState } from './conversation-state';

export type InactivityAction = 'nothing' | 'follow_up' | 'close';

export interface IdleConversation {
  state: ConversationState;
  /** The last message that counts as activity; the timers' own messages (follow-up, unclaimed notice) do not move it. */
  lastMessageAt: Date;
  followedUpAt: Date | null;
}

/** Why the inactivity timer closed a conversation, on its conversation event. */
export const INACTIVITY_CLOSE_REASON = 'inactivity';

type InactivitySettings = Pick<ConversationSettings, 'inactivityCloseAfterSeconds' | 'inactivityFollowUpAfterSeconds'>;

/**
 * What the inactivity timer owes a conversation now. Closing wins once the close time passed
 * (a follow-up right before closing would be pointless). The follow-up goes once per idle spell:
 * a follow-up older than the last message belongs to an earlier one. A chat waiting in the queue
 * gets none: there the customer waits for us, not we for them.
 */
export function dueInactivityAction(conversation: IdleConversation, settings: InactivitySettings, now: Date): InactivityAction {
  if (conversation.state === 'CLOSED') return 'nothing';
  const idleSeconds = (now.getTime() - conversation.lastMessageAt.getTime()) / 1000;
  if (idleSeconds >= settings.inactivityCloseAfterSeconds) return 'close';
  const followUpAfter = settings.inactivityFollowUpAfterSeconds;
  if (followUpAfter === null || idleSeconds < followUpAfter || conversation.state === 'HANDOFF_PENDING') return 'nothing';
  const alreadyFollowedUp = conversation.followedUpAt !== null && conversation.followedUpAt >= conversation.lastMessageAt;
  return alreadyFollowedUp ? 'nothing' : 'follow_up';
}
