import { Injectable } from '@nestjs/common';
import { HttpToolNotFoundError } from '../../domain/tools/http-tool.errors';
import { HttpToolRepository } from '../ports/http-tool.repository.port';

@Injectable()
export class DeleteHttpTool {
  constructor(private readonly repository: HttpToolRepository) {}

  async execute(tenantId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(tenantId, id))) throw new HttpToolNotFoundError();
  }
}
