import type { KbDocument, KbDocumentStatus, KbSourceType } from '../../domain/knowledge-base/knowledge-base';

export const DOCUMENT_COLUMNS =
  'id, tenant_id, title, source_type, bytes, checksum, embedding_model, embedding_dimensions, chunk_count, status, created_at, updated_at';

export interface KbDocumentRow {
  id: string;
  tenant_id: string;
  title: string;
  source_type: KbSourceType;
  bytes: number;
  checksum: string;
  embedding_model: string;
  embedding_dimensions: number;
  chunk_count: number;
  status: KbDocumentStatus;
  created_at: Date;
  updated_at: Date;
}

export function toKbDocument(row: KbDocumentRow): KbDocument {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    sourceType: row.source_type,
    bytes: Number(row.bytes),
    checksum: row.checksum,
    embeddingModel: row.embedding_model,
    embeddingDimensions: row.embedding_dimensions,
    chunkCount: row.chunk_count,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** TypeORM's postgres query() answers UPDATE and DELETE with [rows, rowCount] rather than rows. */
export function changedRowCount(result: unknown): number {
  return (result as [unknown[], number])[1];
}
