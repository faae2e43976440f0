import { DomainError } from '@core/errors/domain-error';

export const KB_SOURCE_TYPES = ['text', 'markdown', 'pdf'] as const;
export type KbSourceType = (typeof KB_SOURCE_TYPES)[number];
export type KbDocumentStatus = 'ready' | 'failed';

export interface KbDocument {
  id: string;
  tenantId: string;
  title: string;
  sourceType: KbSourceType;
  bytes: number;
  checksum: string;
  embeddingModel: string;
  embeddingDimensions: number;
  chunkCount: number;
  status: KbDocumentStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface KbChunkDraft {
  position: number;
  content: string;
  tokens: number;
  embedding: number[];
}

export interface KbSearchHit {
  chunkId: string;
  documentId: string;
  title: string;
  position: number;
  content: string;
  /** Cosine similarity, 1 for the same direction. */
  score: number;
}

export class KbDocumentNotFoundError extends DomainError {
  readonly code = 'AI.KB_DOCUMENT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Knowledge-base document not found');
  }
}

export class KbLimitError extends DomainError {
  readonly code = 'AI.KB_LIMIT';
  readonly kind = 'unprocessable' as const;
  constructor(limitBytes: number, usedBytes: number, addedBytes: number) {
    super(`The knowledge base would hold ${usedBytes + addedBytes} bytes; the plan allows ${limitBytes}`);
  }
}

export class KbEmptyDocumentError extends DomainError {
  readonly code = 'AI.KB_EMPTY_DOCUMENT';
  readonly kind = 'unprocessable' as const;
  constructor(message = 'The document has no text to index') {
    super(message);
  }
}
