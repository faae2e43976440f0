import type { Page } from '@core/http/pagination.dto';
import type { ContactMemory, MemoryKind, RecalledMemory } from '../../domain/memory/memory';

export interface NewContactMemory {
  tenantId: string;
  contactId: string;
  conversationId: string | null;
  kind: MemoryKind;
  /** Already tidied and capped. */
  content: string;
  /** What duplicates compare: same contact, same normalised content. */
  normalisedContent: string;
  embeddingModel: string;
  embedding: number[];
}

/** L3 memory: long-term memories about contacts, with their embeddings. */
export abstract class ContactMemoryRepository {
  abstract contactExists(tenantId: string, contactId: string): Promise<boolean>;
  /**
   * Stores the memory unless the contact already has one with the same normalised content, or it is
   * a second summary of the same conversation; then answers the existing one's id, created false.
   */
  abstract insert(memory: NewContactMemory): Promise<{ id: string; created: boolean }>;
  /** The contact's memories embedded with `model` nearest to the query embedding, best first. */
  abstract search(tenantId: string, contactId: string, query: { embedding: number[]; model: string; limit: number }): Promise<RecalledMemory[]>;
  /** Newest first. */
  abstract list(tenantId: string, contactId: string, limit: number, offset: number): Promise<Page<ContactMemory>>;
  /** true when it existed (for this contact, in this tenant) and is gone. */
  abstract delete(tenantId: string, contactId: string, memoryId: string): Promise<boolean>;
}
