import { Injectable } from '@nestjs/common';
import { KbDocumentNotFoundError } from '../../domain/knowledge-base/knowledge-base';
import { KnowledgeBaseRepository } from './ports/knowledge-base.repository.port';

/** Deletes a document; its chunks go with it (foreign key cascade). */
@Injectable()
export class DeleteDocument {
  constructor(private readonly repository: KnowledgeBaseRepository) {}

  async execute(tenantId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(tenantId, id))) throw new KbDocumentNotFoundError();
  }
}
