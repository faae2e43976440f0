import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { ConversationNotFoundError } from '@modules/conversation/domain/conversation.errors';
import { AiResult, AiResultNotFoundError } from '../../domain/audit/ai-result';
import { AiResultReader } from './ports/ai-result.reader.port';

/** Why the AI answered as it did: the audited runs of a tenant's conversations. */
@Injectable()
export class AiResultQueries {
  constructor(private readonly reader: AiResultReader) {}

  async listForConversation(tenantId: string, conversationId: string, page: { limit: number; offset: number }): Promise<Page<AiResult>> {
    const runs = await this.reader.listForConversation(tenantId, conversationId, page);
    if (!runs) throw new ConversationNotFoundError();
    return runs;
  }

  async get(tenantId: string, id: string): Promise<AiResult> {
    const run = await this.reader.find(tenantId, id);
    if (!run) throw new AiResultNotFoundError();
    return run;
  }
}
