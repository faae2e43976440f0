import type { Provider } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { DeleteDocument } from '../../application/knowledge-base/delete-document.use-case';
import { IngestDocument } from '../../application/knowledge-base/ingest-document.use-case';
import { KnowledgeBaseQueries } from '../../application/knowledge-base/knowledge-base-queries';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';
import { KnowledgeBaseRepository } from '../../application/knowledge-base/ports/knowledge-base.repository.port';
import { PdfTextExtractor } from '../../application/knowledge-base/ports/pdf-text-extractor.port';
import { ReindexKnowledgeBase } from '../../application/knowledge-base/reindex-knowledge-base.use-case';
import { ProviderPrivacy } from '../../application/privacy/provider-privacy';
import { createEmbeddingProvider } from './embedding-provider.factory';
import { PdfJsTextExtractor } from './pdfjs-text-extractor';
import { TypeOrmKnowledgeBaseRepository } from './typeorm-knowledge-base.repository';

/** The knowledge base's ports bound to their adapters, and its use cases. */
export const KNOWLEDGE_BASE_PROVIDERS: Provider[] = [
  ProviderPrivacy,
  { provide: EmbeddingProvider, useFactory: createEmbeddingProvider, inject: [AppConfig, ProviderPrivacy] },
  { provide: KnowledgeBaseRepository, useClass: TypeOrmKnowledgeBaseRepository },
  { provide: PdfTextExtractor, useFactory: () => new PdfJsTextExtractor() },
  IngestDocument,
  KnowledgeBaseQueries,
  DeleteDocument,
  ReindexKnowledgeBase,
];
