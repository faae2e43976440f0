import type { IngestDocumentCommand } from '../../application/knowledge-base/ingest-document.use-case';
import type { KbDocument } from '../../domain/knowledge-base/knowledge-base';
import type { KbDocumentResponseDto, UploadKbDocumentRequestDto } from './knowledge-base.dto';

/** A validated upload as the use case takes it: a PDF decoded from base64 to its bytes. */
export function toIngestCommand(tenantId: string, body: UploadKbDocumentRequestDto): IngestDocumentCommand {
  // Validation has made sure the format's field is there (contentBase64 for pdf, content otherwise).
  if (body.format === 'pdf') return { tenantId, title: body.title, format: 'pdf', pdf: Buffer.from(body.contentBase64 ?? '', 'base64') };
  return { tenantId, title: body.title, format: body.format, content: body.content ?? '' };
}

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
