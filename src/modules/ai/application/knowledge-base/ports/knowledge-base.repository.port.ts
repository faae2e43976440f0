import type { Page } from '@core/http/pagination.dto';
import type { KbChunkDraft, KbDocument, KbSearchHit, KbSourceType } from '../../../domain/knowledge-base/knowledge-base';

export interface NewKbDocument {
  tenantId: string;
  title: string;
  sourceType: KbSourceType;
  bytes: number;
  checksum: string;
  embeddingModel: string;
  embeddingDimensions: number;
}

export interface StaleChunk {
  id: string;
  content: string;
}

/** Documents and their chunks, always within one tenant. */
export abstract class KnowledgeBaseRepository {
  /** Runs work in one tenant transaction: the document and its chunks are stored together or not at all. */
  abstract inTransaction<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  abstract totalBytes(tenantId: string): Promise<number>;
  abstract insert(document: NewKbDocument, chunks: KbChunkDraft[]): Promise<KbDocument>;
  abstract list(tenantId: string, limit: number, offset: number): Promise<Page<KbDocument>>;
  abstract find(tenantId: string, id: string): Promise<KbDocument | null>;
  /** False when the tenant has no such document. */
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  abstract search(tenantId: string, query: { embedding: number[]; model: string; limit: number }): Promise<KbSearchHit[]>;
  /** Chunks embedded with another model or dimension than the given ones, oldest first. */
  abstract staleChunks(tenantId: string, model: string, dimensions: number, limit: number): Promise<StaleChunk[]>;
  abstract updateEmbeddings(tenantId: string, model: string, updates: { id: string; embedding: number[] }[]): Promise<void>;
  /** Marks documents whose chunks all use the model and dimension as embedded with them; returns how many. */
  abstract markDocumentsReindexed(tenantId: string, model: string, dimensions: number): Promise<number>;
}
