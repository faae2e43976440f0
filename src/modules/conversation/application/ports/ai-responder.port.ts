import type { MessageAuthor } from '../../domain/message';

export interface ConversationTurn {
  author: MessageAuthor;
  body: string;
  at: Date;
}

export interface AiRequest {
  tenantId: string;
  tenantName: string;
  conversationId: string;
  contact: { id: string; name: string | null };
  /** Oldest first; the last turn is the message being answered. */
  history: ConversationTurn[];
}

export interface AiAudit {
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  outcome: 'answered' | 'handed_off' | 'failed';
  error?: string;
  /** Knowledge-base chunks the answer was grounded on (ids of kb_chunks). */
  retrievedChunkIds?: string[];
}

export interface AiReply {
  text: string;
  audit: AiAudit;
  /** Set when the engine decided a person should take over; `text` is then the customer's acknowledgement. */
  handoff?: { reason: string };
}

/** Implemented by the ai module and wired at boot: conversation never imports it. */
export abstract class AiResponder {
  /** Throws when the provider fails; the caller decides whether to retry. */
  abstract respond(request: AiRequest): Promise<AiReply>;
  /** A polite reply in the customer's language for when the AI could not answer, audited as failed. */
  abstract fallback(request: AiRequest, error: unknown): AiReply;
  abstract recordAudit(
    refs: { tenantId: string; conversationId: string; inboundMessageId: string; replyMessageId: string | null },
    audit: AiAudit,
  ): Promise<void>;
}
