import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { HttpToolNotFoundError } from '../../domain/tools/http-tool.errors';
import { HttpToolRepository, StoredHttpTool } from '../ports/http-tool.repository.port';

/** Reads of a tenant's HTTP tools, headers still sealed. */
@Injectable()
export class HttpToolQueries {
  constructor(private readonly repository: HttpToolRepository) {}

  list(tenantId: string, limit: number, offset: number): Promise<Page<StoredHttpTool>> {
    return this.repository.list(tenantId, limit, offset);
  }

  async get(tenantId: string, id: string): Promise<StoredHttpTool> {
    const tool = await this.repository.find(tenantId, id);
    if (!tool) throw new HttpToolNotFoundError();
    return tool;
  }
}
