import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { KbDocument, KbDocumentNotFoundError, KbSearchHit } from '../../domain/knowledge-base/knowledge-base';
import { EmbeddingProvider } from './ports/embedding-provider.port';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';

/** Reads of a tenant's knowledge base: documents, and top-k chunks for a question. */
@Injectable()
export class KnowledgeBaseQueries {
  constructor(
    private readonly repository: KnowledgeBaseRepository,
    private readonly embeddings: EmbeddingProvider,
  ) {}

  list(tenantId: string, limit: number, offset: number): Promise<Page<KbDocument>> {
    return this.repository.list(tenantId, limit, offset);
  }

  async get(tenantId: string, id: string): Promise<KbDocument> {
    const document = await this.repository.find(tenantId, id);
    if (!document) throw new KbDocumentNotFoundError();
    return document;
  }

  /** Chunks embedded with the current model only: vectors of another model are not comparable. */
  async search(tenantId: string, question: string, limit: number): Promise<KbSearchHit[]> {
    const [embedding] = await this.embeddings.embed([question], tenantId);
    return this.repository.search(tenantId, { embedding, model: this.embeddings.model, limit });
  }
}
