import { DomainError } from '@core/errors/domain-error';

/** One tool call of a run as audited, arguments and result already masked when stored. */
export interface AiToolCallRecord {
  tool: string;
  args: unknown;
  result: string;
  ok: boolean;
  durationMs: number;
}

/** The audit record of one AI run (an ai_results row), as staff read it. */
export interface AiResult {
  id: string;
  conversationId: string;
  inboundMessageId: string;
  replyMessageId: string | null;
  outcome: string;
  /** The specialist's slug the router chose; null for runs without routing. */
  route: string | null;
  confidence: number | null;
  reasoning: string | null;
  toolCalls: AiToolCallRecord[];
  retrievedChunkIds: string[];
  memorySource: string | null;
  cacheHit: boolean;
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd: number;
  error: string | null;
  createdAt: Date;
}

export class AiResultNotFoundError extends DomainError {
  readonly code = 'AI.RESULT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('AI result not found');
  }
}
