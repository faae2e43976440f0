import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { ContactNotFoundError } from '@modules/identity/domain/contact.errors';
import {
  ContactMemory,
  EmptyMemoryError,
  MemoryKind,
  MemoryNotFoundError,
  normaliseMemoryContent,
  RecalledMemory,
  tidyMemoryContent,
} from '../../domain/memory/memory';
import { EmbeddingProvider } from '../knowledge-base/ports/embedding-provider.port';
import { ContactMemoryRepository } from '../ports/contact-memory.repository.port';

export interface RememberInput {
  tenantId: string;
  contactId: string;
  conversationId: string | null;
  kind: MemoryKind;
  content: string;
}

/** L3 memory: what is worth knowing about a contact across conversations, recalled by similarity. */
@Injectable()
export class ContactMemories {
  constructor(
    private readonly repository: ContactMemoryRepository,
    private readonly embeddings: EmbeddingProvider,
  ) {}

  /** Skips a duplicate of an existing memory of the contact (and a second summary of a conversation): created false. */
  async remember(input: RememberInput): Promise<{ id: string; created: boolean }> {
    const content = tidyMemoryContent(input.content);
    if (content === '') throw new EmptyMemoryError();
    // The foreign key alone would accept another tenant's contact: it is checked without row-level security.
    if (!(await this.repository.contactExists(input.tenantId, input.contactId))) throw new ContactNotFoundError();
    const [embedding] = await this.embeddings.embed([content], input.tenantId);
    return this.repository.insert({
      tenantId: input.tenantId,
      contactId: input.contactId,
      conversationId: input.conversationId,
      kind: input.kind,
      content,
      normalisedContent: normaliseMemoryContent(content),
      embeddingModel: this.embeddings.model,
      embedding,
    });
  }

  /** Memories embedded with the current model only (others are not comparable), best first, at least minScore. */
  async recall(tenantId: string, contactId: string, query: string, opts: { limit: number; minScore: number }): Promise<RecalledMemory[]> {
    if (query.trim() === '' || opts.limit < 1) return [];
    const [embedding] = await this.embeddings.embed([query], tenantId);
    const hits = await this.repository.search(tenantId, contactId, { embedding, model: this.embeddings.model, limit: opts.limit });
    return hits.filter((hit) => hit.score >= opts.minScore);
  }

  async list(tenantId: string, contactId: string, limit: number, offset: number): Promise<Page<ContactMemory>> {
    if (!(await this.repository.contactExists(tenantId, contactId))) throw new ContactNotFoundError();
    return this.repository.list(tenantId, contactId, limit, offset);
  }

  async delete(tenantId: string, contactId: string, memoryId: string): Promise<void> {
    if (!(await this.repository.delete(tenantId, contactId, memoryId))) throw new MemoryNotFoundError();
  }
}
