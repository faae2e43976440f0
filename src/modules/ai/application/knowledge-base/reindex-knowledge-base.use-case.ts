import { Injectable } from '@nestjs/common';
import { embedInBatches, EMBEDDING_BATCH_SIZE } from './embed-in-batches';
import { EmbeddingProvider } from './ports/embedding-provider.port';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';

export interface ReindexResult {
  chunksReembedded: number;
  documentsUpdated: number;
  model: string;
  dimensions: number;
}

/** Re-embeds every chunk of the tenant whose model or dimension differs from the configured ones. */
@Injectable()
export class ReindexKnowledgeBase {
  constructor(
    private readonly repository: KnowledgeBaseRepository,
    private readonly embeddings: EmbeddingProvider,
  ) {}

  async execute(tenantId: string): Promise<ReindexResult> {
    const { model, dimensions } = this.embeddings;
    let chunksReembedded = 0;
    for (;;) {
      const stale = await this.repository.staleChunks(tenantId, model, dimensions, EMBEDDING_BATCH_SIZE);
      if (stale.length === 0) break;
      const vectors = await embedInBatches(this.embeddings, stale.map((chunk) => chunk.content), tenantId);
      await this.repository.updateEmbeddings(tenantId, model, stale.map((chunk, i) => ({ id: chunk.id, embedding: vectors[i] })));
      chunksReembedded += stale.length;
    }
    const documentsUpdated = await this.repository.markDocumentsReindexed(tenantId, model, dimensions);
    return { chunksReembedded, documentsUpdated, model, dimensions };
  }
}
