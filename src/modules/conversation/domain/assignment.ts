import type { Conversation } from './conversation';
import { CONVERSATION_STATES, ConversationState } from './conversation-state';
import { ConversationStateMachine, Transition } from './conversation-state-machine';
import {
  ConversationAlreadyAssignedError,
  ConversationNotHandedOffError,
  ConversationNotHumanActiveError,
  NotConversationAssigneeError,
} from './conversation.errors';

/**
 * Who may do what with a conversation a person works on, as pure rules. Each plan says which move
 * to make and which assignee the conversation must still have for it to apply (the repository
 * applies it with one conditional UPDATE, so two staff members acting at once cannot both win).
 */
export interface StaffActor {
  id: string;
  role: 'tenant_admin' | 'agent';
}

export type ConversationFacts = Pick<Conversation, 'state' | 'assignedTo'>;

/** `expected`: the assignee the conversation must still have; `next`: the one it gets. */
export interface AssignmentChange {
  expected: string | null;
  next: string | null;
}

export interface PlannedChange {
  transition: Transition;
  assignment: AssignmentChange;
}

export const STAFF_REASONS = {
  claimed: 'claimed',
  transferred: 'transferred',
  released: 'released',
  closed: 'closed_by_staff',
  autoAssigned: 'auto_assigned',
} as const;

/** The states a staff member may take a conversation over from. */
export const CLAIMABLE_STATES: readonly ConversationState[] = CONVERSATION_STATES.filter((state) => ConversationStateMachine.canTransition(state, 'HUMAN_ACTIVE'));

const isAdmin = (staff: StaffActor) => staff.role === 'tenant_admin';
const staffActor = (staff: StaffActor) => ({ type: 'staff' as const, id: staff.id });

/** Taking the conversation for `assignee`; null when it is already theirs. */
function takeOver(c: ConversationFacts, assignee: string, actor: Transition['actor'], reason: string): PlannedChange | null {
  if (c.state === 'HUMAN_ACTIVE') {
    if (c.assignedTo === assignee) return null;
    if (c.assignedTo !== null) throw new ConversationAlreadyAssignedError();
    // Its assignee's account was deleted: whoever takes it adopts it.
    return { transition: { from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', actor, reason }, assignment: { expected: null, next: assignee } };
  }
  if (c.assignedTo !== null && c.assignedTo !== assignee) throw new ConversationAlreadyAssignedError();
  return { transition: ConversationStateMachine.transition(c.state, 'HUMAN_ACTIVE', actor, reason), assignment: { expected: c.assignedTo, next: assignee } };
}

/** A staff member takes the conversation for themselves (any staff, from the queue or from the AI). */
export function planClaim(c: ConversationFacts, staff: StaffActor): PlannedChange | null {
  return takeOver(c, staff.id, staffActor(staff), STAFF_REASONS.claimed);
}

/** The system gives a queued conversation to an online agent (automatic assignment). */
export function planAutoAssign(c: ConversationFacts, assignee: string): PlannedChange | null {
  if (c.state !== 'HANDOFF_PENDING' || c.assignedTo !== null) return null;
  return takeOver(c, assignee, { type: 'system' }, STAFF_REASONS.autoAssigned);
}

/**
 * Hands the conversation to another staff member: its assignee or a tenant admin may; to oneself it
 * is a claim. Null when it already is the target's.
 */
export function planTransfer(c: ConversationFacts, staff: StaffActor, target: string): PlannedChange | null {
  if (target === staff.id) return planClaim(c, staff);
  if (!isAdmin(staff) && c.assignedTo !== staff.id) throw new NotConversationAssigneeError();
  if (c.state === 'HUMAN_ACTIVE') {
    if (c.assignedTo === target) return null;
    return { transition: { from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', actor: staffActor(staff), reason: STAFF_REASONS.transferred }, assignment: { expected: c.assignedTo, next: target } };
  }
  return { transition: ConversationStateMachine.transition(c.state, 'HUMAN_ACTIVE', staffActor(staff), STAFF_REASONS.transferred), assignment: { expected: c.assignedTo, next: target } };
}

/** Back to the AI, unassigned: by the assignee or a tenant admin, from a person or the queue. */
export function planRelease(c: ConversationFacts, staff: StaffActor): PlannedChange {
  if (c.state !== 'HUMAN_ACTIVE' && c.state !== 'HANDOFF_PENDING') throw new ConversationNotHandedOffError();
  if (!isAdmin(staff) && c.assignedTo !== staff.id) throw new NotConversationAssigneeError();
  return { transition: ConversationStateMachine.transition(c.state, 'ACTIVE', staffActor(staff), STAFF_REASONS.released), assignment: { expected: c.assignedTo, next: null } };
}

/** The assignee or a tenant admin; an agent may also close an unassigned conversation of the queue. */
export function planClose(c: ConversationFacts, staff: StaffActor): PlannedChange {
  const unclaimedInQueue = c.state === 'HANDOFF_PENDING' && c.assignedTo === null;
  if (!isAdmin(staff) && c.assignedTo !== staff.id && !unclaimedInQueue) throw new NotConversationAssigneeError();
  return { transition: ConversationStateMachine.transition(c.state, 'CLOSED', staffActor(staff), STAFF_REASONS.closed), assignment: { expected: c.assignedTo, next: c.assignedTo } };
}

/**
 * Puts the conversation in the queue: any staff member takes one from the AI; only its assignee
 * or a tenant admin puts a person's conversation back in the queue.
 */
export function planHandoffRequest(c: ConversationFacts, staff: StaffActor, reason: string): PlannedChange {
  if (c.state === 'HUMAN_ACTIVE' && !isAdmin(staff) && c.assignedTo !== staff.id) throw new NotConversationAssigneeError();
  return { transition: ConversationStateMachine.transition(c.state, 'HANDOFF_PENDING', staffActor(staff), reason), assignment: { expected: c.assignedTo, next: null } };
}

/**
 * 'send' when the staff member may answer the customer now; 'claim_first' when a tenant admin
 * answers a queued conversation (they take it over first).
 */
export function replyDecision(c: ConversationFacts, staff: StaffActor): 'send' | 'claim_first' {
  if (c.state === 'HANDOFF_PENDING' && isAdmin(staff)) return 'claim_first';
  if (c.state !== 'HUMAN_ACTIVE') throw new ConversationNotHumanActiveError();
  if (!isAdmin(staff) && c.assignedTo !== staff.id) throw new NotConversationAssigneeError();
  return 'send';
}

/** Round robin: the first eligible staff id after the last one assigned (ids in a stable order). */
export function nextRoundRobin(eligible: readonly string[], lastAssigned: string | null): string | null {
  if (eligible.length === 0) return null;
  const ordered = [...eligible].sort();
  return ordered.find((id) => lastAssigned !== null && id > lastAssigned) ?? ordered[0];
}
