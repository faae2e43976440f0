import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { AiAudit } from '@modules/conversation/application/ports/ai-responder.port';
import { AiResultLog, AiResultRefs } from '../../application/engine/ai-result-log.port';

/** One ai_results row per run; tool calls as jsonb (already masked by the run). */
@Injectable()
export class TypeOrmAiResultLog extends AiResultLog {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async record(refs: AiResultRefs, audit: AiAudit): Promise<void> {
    await this.db.forTenant(refs.tenantId, (em) =>
      em.query(
        `INSERT INTO ai_results (tenant_id, conversation_id, inbound_message_id, reply_message_id, provider, model, prompt_tokens,
           completion_tokens, latency_ms, outcome, error, retrieved_chunk_ids, route, confidence, reasoning, tool_calls, memory_source, cache_hit, cost_usd)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19)`,
        [
          refs.tenantId,
          refs.conversationId,
          refs.inboundMessageId,
          refs.replyMessageId,
          audit.provider,
          audit.model.slice(0, 100),
          audit.promptTokens,
          audit.completionTokens,
          audit.latencyMs,
          audit.outcome,
          audit.error ?? null,
          audit.retrievedChunkIds ?? [],
          audit.route?.slice(0, 60) ?? null,
          audit.confidence ?? null,
          audit.reasoning ?? null,
          JSON.stringify(audit.toolCalls ?? []),
          audit.memorySource ?? null,
          audit.cacheHit ?? false,
          (audit.costUsd ?? 0).toFixed(6),
        ],
      ),
    );
  }
}
