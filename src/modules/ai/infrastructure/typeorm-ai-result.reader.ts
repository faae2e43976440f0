import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { AiResultReader } from '../application/audit/ports/ai-result.reader.port';
import type { AiResult } from '../domain/audit/ai-result';
import { AiResultOrmEntity } from './ai-result.orm-entity';

function toAiResult(row: AiResultOrmEntity): AiResult {
  return {
    id: row.id,
    conversationId: row.conversationId,
    inboundMessageId: row.inboundMessageId,
    replyMessageId: row.replyMessageId,
    outcome: row.outcome,
    route: row.route,
    confidence: row.confidence,
    reasoning: row.reasoning,
    toolCalls: row.toolCalls ?? [],
    retrievedChunkIds: row.retrievedChunkIds ?? [],
    memorySource: row.memorySource,
    cacheHit: row.cacheHit,
    provider: row.provider,
    model: row.model,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    latencyMs: row.latencyMs,
    costUsd: row.costUsd,
    error: row.error,
    createdAt: row.createdAt,
  };
}

@Injectable()
export class TypeOrmAiResultReader extends AiResultReader {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  listForConversation(tenantId: string, conversationId: string, page: { limit: number; offset: number }): Promise<Page<AiResult> | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [conversation] = await em.query(`SELECT 1 FROM conversations WHERE tenant_id = $1 AND id = $2`, [tenantId, conversationId]);
      if (!conversation) return null;
      const [rows, total] = await em.getRepository(AiResultOrmEntity).findAndCount({
        where: { tenantId, conversationId },
        order: { createdAt: 'DESC', id: 'ASC' },
        take: page.limit,
        skip: page.offset,
      });
      return { items: rows.map(toAiResult), total };
    });
  }

  find(tenantId: string, id: string): Promise<AiResult | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const row = await em.getRepository(AiResultOrmEntity).findOneBy({ tenantId, id });
      return row ? toAiResult(row) : null;
    });
  }
}
