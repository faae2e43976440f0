import type { Conversation } from '../../domain/conversation';
import type { ConversationState } from '../../domain/conversation-state';
import type { Transition } from '../../domain/conversation-state-machine';

export interface ConversationPage {
  items: Conversation[];
  total: number;
}

export abstract class ConversationRepository {
  /** The open conversation of this contact on this number, created once even under concurrency. */
  abstract openFor(tenantId: string, contactId: string, whatsappNumberId: string): Promise<Conversation>;
  abstract findById(tenantId: string, id: string): Promise<Conversation | null>;
  abstract list(tenantId: string, filter: { state?: ConversationState; limit: number; offset: number }): Promise<ConversationPage>;
  abstract touch(tenantId: string, id: string, state?: ConversationState): Promise<void>;
  /**
   * Applies a validated transition if the conversation is still in `transition.from`, recording
   * it as a conversation event; false when another actor moved it first.
   */
  abstract applyTransition(tenantId: string, id: string, transition: Transition): Promise<boolean>;
}
