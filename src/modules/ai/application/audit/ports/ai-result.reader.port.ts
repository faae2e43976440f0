import type { Page } from '@core/http/pagination.dto';
import type { AiResult } from '../../../domain/audit/ai-result';

/** Reads of the audit rows of AI runs, always within one tenant. */
export abstract class AiResultReader {
  /** The conversation's runs, newest first; null when the tenant has no such conversation. */
  abstract listForConversation(tenantId: string, conversationId: string, page: { limit: number; offset: number }): Promise<Page<AiResult> | null>;
  abstract find(tenantId: string, id: string): Promise<AiResult | null>;
}
