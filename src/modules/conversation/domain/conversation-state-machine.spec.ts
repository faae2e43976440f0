import { CONVERSATION_STATES, ConversationState } from './conversation-state';
import { ConversationStateMachine, IllegalTransitionError, TRANSITIONS } from './conversation-state-machine';

const ALLOWED: [ConversationState, ConversationState][] = [
  ['ACTIVE', 'WAITING_USER'],
  ['ACTIVE', 'HANDOFF_PENDING'],
  ['ACTIVE', 'HUMAN_ACTIVE'],
  ['ACTIVE', 'CLOSED'],
  ['WAITING_USER', 'ACTIVE'],
  ['WAITING_USER', 'HANDOFF_PENDING'],
  ['WAITING_USER', 'HUMAN_ACTIVE'],
  ['WAITING_USER', 'CLOSED'],
  ['HANDOFF_PENDING', 'HUMAN_ACTIVE'],
  ['HANDOFF_PENDING', 'ACTIVE'],
  ['HANDOFF_PENDING', 'CLOSED'],
  ['HUMAN_ACTIVE', 'ACTIVE'],
  ['HUMAN_ACTIVE', 'HANDOFF_PENDING'],
  ['HUMAN_ACTIVE', 'CLOSED'],
];

const key = (from: ConversationState, to: ConversationState) => `${from}->${to}`;
const allowedKeys = new Set(ALLOWED.map(([from, to]) => key(from, to)));
const FORBIDDEN = CONVERSATION_STATES.flatMap((from) => CONVERSATION_STATES.map((to) => [from, to] as const)).filter(
  ([from, to]) => !allowedKeys.has(key(from, to)),
);

describe('ConversationStateMachine', () => {
  it.each(ALLOWED)('allows %s → %s and describes it as an event', (from, to) => {
    expect(ConversationStateMachine.canTransition(from, to)).toBe(true);
    expect(ConversationStateMachine.transition(from, to, { type: 'staff', id: 'u1' }, 'why')).toEqual({
      from,
      to,
      actor: { type: 'staff', id: 'u1' },
      reason: 'why',
    });
  });

  it.each(FORBIDDEN)('forbids %s → %s with a domain error (409 on the API)', (from, to) => {
    expect(ConversationStateMachine.canTransition(from, to)).toBe(false);
    const attempt = () => ConversationStateMachine.transition(from, to, { type: 'system' });
    expect(attempt).toThrow(IllegalTransitionError);
    try {
      attempt();
    } catch (error) {
      expect((error as IllegalTransitionError).kind).toBe('conflict');
      expect((error as IllegalTransitionError).code).toBe('CONVERSATION.ILLEGAL_TRANSITION');
    }
  });

  it('never leaves CLOSED and never stays in place', () => {
    expect(TRANSITIONS.CLOSED).toEqual([]);
    for (const state of CONVERSATION_STATES) expect(ConversationStateMachine.canTransition(state, state)).toBe(false);
  });

  it('covers all 25 pairs of states between the allowed and the forbidden lists', () => {
    expect(ALLOWED.length + FORBIDDEN.length).toBe(25);
  });
});
