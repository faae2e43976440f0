import { Injectable } from '@nestjs/common';
import { KbDocumentNotFoundError } from '../../domain/knowledge-base/knowledge-base';
import { SemanticCache } from '../engine/semantic-cache.port';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';

/** Deletes a document; its chunks go with it (foreign key cascade), and cached answers may have quoted it. */
@Injectable()
export class DeleteDocument {
  constructor(
    private readonly repository: KnowledgeBaseRepository,
    private readonly cache: SemanticCache,
  ) {}

  async execute(tenantId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(tenantId, id))) throw new KbDocumentNotFoundError();
    await this.cache.invalidate(tenantId);
  }
}
