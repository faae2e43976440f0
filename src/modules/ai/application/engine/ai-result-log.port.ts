import type { AiAudit } from '@modules/conversation/application/ports/ai-responder.port';

export interface AiResultRefs {
  tenantId: string;
  conversationId: string;
  inboundMessageId: string;
  replyMessageId: string | null;
}

/** Where each run's audit row goes (ai_results). */
export abstract class AiResultLog {
  abstract record(refs: AiResultRefs, audit: AiAudit): Promise<void>;
}
