import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PlanLimits } from '@modules/identity/application/plan-limits';
import { chunkText, estimateTokens } from '../../domain/knowledge-base/chunking';
import { KbDocument, KbEmptyDocumentError, KbLimitError, KbSourceType } from '../../domain/knowledge-base/knowledge-base';
import { stripMarkdown } from '../../domain/knowledge-base/markdown';
import { embedInBatches } from './embed-in-batches';
import { EmbeddingProvider } from './ports/embedding-provider.port';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';

export interface IngestDocumentCommand {
  tenantId: string;
  title: string;
  format: KbSourceType;
  content: string;
}

/** Uploads a document: text → chunks → embeddings, stored in one tenant transaction within the plan's kbMaxBytes. */
@Injectable()
export class IngestDocument {
  constructor(
    private readonly repository: KnowledgeBaseRepository,
    private readonly embeddings: EmbeddingProvider,
    private readonly limits: PlanLimits,
  ) {}

  async execute(command: IngestDocumentCommand): Promise<KbDocument> {
    const bytes = Buffer.byteLength(command.content, 'utf8');
    await this.ensureWithinLimit(command.tenantId, bytes);
    const text = command.format === 'markdown' ? stripMarkdown(command.content) : command.content;
    const contents = chunkText(text);
    if (contents.length === 0) throw new KbEmptyDocumentError();
    // Embedding is slow network I/O: done before the transaction opens, so no connection waits on it.
    const vectors = await embedInBatches(this.embeddings, contents);
    const chunks = contents.map((content, position) => ({ position, content, tokens: estimateTokens(content), embedding: vectors[position] }));
    return this.repository.inTransaction(command.tenantId, async () => {
      await this.ensureWithinLimit(command.tenantId, bytes);
      return this.repository.insert(
        {
          tenantId: command.tenantId,
          title: command.title,
          sourceType: command.format,
          bytes,
          checksum: createHash('sha256').update(command.content).digest('hex'),
          embeddingModel: this.embeddings.model,
          embeddingDimensions: this.embeddings.dimensions,
        },
        chunks,
      );
    });
  }

  private async ensureWithinLimit(tenantId: string, bytes: number): Promise<void> {
    const limit = await this.limits.kbMaxBytes(tenantId);
    if (limit === null) return;
    const used = await this.repository.totalBytes(tenantId);
    if (used + bytes > limit) throw new KbLimitError(limit, used, bytes);
  }
}
