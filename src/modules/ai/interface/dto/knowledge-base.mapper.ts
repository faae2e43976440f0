import type { KbDocument } from '../../domain/knowledge-base/knowledge-base';
import type { KbDocumentResponseDto } from './knowledge-base.dto';

export function toKbDocumentResponse(document: KbDocument): KbDocumentResponseDto {
  return {
    id: document.id,
    title: document.title,
    sourceType: document.sourceType,
    bytes: document.bytes,
    checksum: document.checksum,
    embeddingModel: document.embeddingModel,
    embeddingDimensions: document.embeddingDimensions,
    chunkCount: document.chunkCount,
    status: document.status,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}
