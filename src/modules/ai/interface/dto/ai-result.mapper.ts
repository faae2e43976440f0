import type { AiResult } from '../../domain/audit/ai-result';
import type { AiResultResponseDto } from './ai-result.dto';

export function toAiResultResponse(run: AiResult): AiResultResponseDto {
  return {
    id: run.id,
    conversationId: run.conversationId,
    inboundMessageId: run.inboundMessageId,
    replyMessageId: run.replyMessageId,
    outcome: run.outcome,
    route: run.route,
    confidence: run.confidence,
    reasoning: run.reasoning,
    toolCalls: run.toolCalls.map((call) => ({ tool: call.tool, args: call.args, result: call.result, ok: call.ok, durationMs: call.durationMs })),
    retrievedChunkIds: run.retrievedChunkIds,
    memorySource: run.memorySource,
    cacheHit: run.cacheHit,
    provider: run.provider,
    model: run.model,
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    latencyMs: run.latencyMs,
    costUsd: run.costUsd,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
  };
}
