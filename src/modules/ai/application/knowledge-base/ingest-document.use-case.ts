import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PlanLimits } from '@modules/identity/application/plan-limits';
import { chunkText, estimateTokens } from '../../domain/knowledge-base/chunking';
import { KbDocument, KbEmptyDocumentError, KbLimitError } from '../../domain/knowledge-base/knowledge-base';
import { stripMarkdown } from '../../domain/knowledge-base/markdown';
import { assemblePdfText, KbInvalidPdfError, looksLikePdf } from '../../domain/knowledge-base/pdf-text';
import { embedInBatches } from './embed-in-batches';
import { EmbeddingProvider } from './ports/embedding-provider.port';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';
import { PdfTextExtractor } from './ports/pdf-text-extractor.port';
import { SemanticCache } from '../engine/semantic-cache.port';

/** What was uploaded: text or Markdown as a string, a PDF as its bytes. */
export type IngestDocumentCommand = { tenantId: string; title: string } & (
  | { format: 'text' | 'markdown'; content: string }
  | { format: 'pdf'; pdf: Uint8Array }
);

/** Uploads a document: text → chunks → embeddings, stored in one tenant transaction within the plan's kbMaxBytes. */
@Injectable()
export class IngestDocument {
  constructor(
    private readonly repository: KnowledgeBaseRepository,
    private readonly embeddings: EmbeddingProvider,
    private readonly limits: PlanLimits,
    private readonly pdfs: PdfTextExtractor,
    private readonly cache: SemanticCache,
  ) {}

  async execute(command: IngestDocumentCommand): Promise<KbDocument> {
    // What counts toward kbMaxBytes, and is checksummed, is what the tenant uploaded: for a PDF its bytes, not its text.
    const uploaded = command.format === 'pdf' ? command.pdf : Buffer.from(command.content, 'utf8');
    const bytes = uploaded.byteLength;
    await this.ensureWithinLimit(command.tenantId, bytes);
    const contents = chunkText(await this.textOf(command));
    if (contents.length === 0) throw new KbEmptyDocumentError();
    // Embedding is slow network I/O: done before the transaction opens, so no connection waits on it.
    const vectors = await embedInBatches(this.embeddings, contents, command.tenantId);
    const chunks = contents.map((content, position) => ({ position, content, tokens: estimateTokens(content), embedding: vectors[position] }));
    const document = await this.repository.inTransaction(command.tenantId, async () => {
      await this.ensureWithinLimit(command.tenantId, bytes);
      return this.repository.insert(
        {
          tenantId: command.tenantId,
          title: command.title,
          sourceType: command.format,
          bytes,
          checksum: createHash('sha256').update(uploaded).digest('hex'),
          embeddingModel: this.embeddings.model,
          embeddingDimensions: this.embeddings.dimensions,
        },
        chunks,
      );
    });
    // A cached answer may contradict the new document.
    await this.cache.invalidate(command.tenantId);
    return document;
  }

  private async textOf(command: IngestDocumentCommand): Promise<string> {
    if (command.format !== 'pdf') return command.format === 'markdown' ? stripMarkdown(command.content) : command.content;
    if (!looksLikePdf(command.pdf)) throw new KbInvalidPdfError('it has no PDF header');
    const text = assemblePdfText(await this.pdfs.extractPages(command.pdf));
    if (!text) throw new KbEmptyDocumentError('The PDF has no extractable text (a scanned PDF holds only images of its pages: run it through OCR first)');
    return text;
  }

  private async ensureWithinLimit(tenantId: string, bytes: number): Promise<void> {
    const limit = await this.limits.kbMaxBytes(tenantId);
    if (limit === null) return;
    const used = await this.repository.totalBytes(tenantId);
    if (used + bytes > limit) throw new KbLimitError(limit, used, bytes);
  }
}
