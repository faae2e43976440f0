import { DomainError } from '@core/errors/domain-error';
import type { ConversationState } from './conversation-state';

/** The allowed transitions, as data: from → the states it may move to. */
export const TRANSITIONS: Readonly<Record<ConversationState, readonly ConversationState[]>> = {
  ACTIVE: ['WAITING_USER', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'CLOSED'],
  WAITING_USER: ['ACTIVE', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'CLOSED'],
  HANDOFF_PENDING: ['HUMAN_ACTIVE', 'ACTIVE', 'CLOSED'],
  HUMAN_ACTIVE: ['ACTIVE', 'HANDOFF_PENDING', 'CLOSED'],
  CLOSED: [],
};

export class IllegalTransitionError extends DomainError {
  readonly code = 'CONVERSATION.ILLEGAL_TRANSITION';
  readonly kind = 'conflict' as const;
  constructor(
    readonly from: ConversationState,
    readonly to: ConversationState,
  ) {
    super(`A conversation cannot go from ${from} to ${to}`);
  }
}

export type TransitionActor = { type: 'system' | 'ai' | 'contact'; id?: null } | { type: 'staff'; id: string };

export interface Transition {
  from: ConversationState;
  to: ConversationState;
  actor: TransitionActor;
  reason: string | null;
}

export const ConversationStateMachine = {
  canTransition(from: ConversationState, to: ConversationState): boolean {
    return TRANSITIONS[from].includes(to);
  },

  /** Validates a move and describes it as the event to record; throws IllegalTransitionError. */
  transition(from: ConversationState, to: ConversationState, actor: TransitionActor, reason: string | null = null): Transition {
    if (!ConversationStateMachine.canTransition(from, to)) throw new IllegalTransitionError(from, to);
    return { from, to, actor, reason };
  },
};
