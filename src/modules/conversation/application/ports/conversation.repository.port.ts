import type { AssignmentChange } from '../../domain/assignment';
import type { Conversation } from '../../domain/conversation';
import type { ConversationState } from '../../domain/conversation-state';
import type { Transition } from '../../domain/conversation-state-machine';

export abstract class ConversationRepository {
  /** The open conversation of this contact on this number, created once even under concurrency. */
  abstract openFor(tenantId: string, contactId: string, whatsappNumberId: string): Promise<Conversation>;
  abstract findById(tenantId: string, id: string): Promise<Conversation | null>;
  /** Marks activity on an open conversation; false when it is CLOSED (e.g. the inactivity sweeper closed it just now). */
  abstract touch(tenantId: string, id: string, state?: ConversationState): Promise<boolean>;
  /**
   * Applies a validated transition with one conditional UPDATE, if the conversation is still in
   * `transition.from` (and, with `assignment`, still has `assignment.expected` as its assignee,
   * which becomes `assignment.next`), and records it as a conversation event: kind 'assignment'
   * when the state stays (a transfer), else 'transition'. False when another actor moved it first.
   * Without `assignment`, entering ACTIVE, WAITING_USER or HANDOFF_PENDING unassigns it.
   */
  abstract applyTransition(tenantId: string, id: string, transition: Transition, assignment?: AssignmentChange): Promise<boolean>;
}
