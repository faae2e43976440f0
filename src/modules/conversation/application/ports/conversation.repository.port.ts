import type { Conversation } from '../../domain/conversation';
import type { ConversationState } from '../../domain/conversation-state';

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
}
