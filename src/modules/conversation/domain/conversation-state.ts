export const CONVERSATION_STATES = ['ACTIVE', 'WAITING_USER', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'CLOSED'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** While a human owns (or is about to own) the chat, the AI stays silent. */
export function aiMayAnswer(state: ConversationState): boolean {
  return state === 'ACTIVE' || state === 'WAITING_USER';
}
