export interface AiRequest {
  tenantId: string;
  tenantName: string;
  conversationId: string;
  contact: { id: string; name: string | null };
  /** The message being answered; the engine loads the rest of the conversation from its memory tiers. */
  inbound: { messageId: string; body: string; at: Date };
  /**
   * A burst: the customer's earlier messages that no run answered yet, oldest first. The one reply
   * answers them together with `inbound`; absent when `inbound` came alone.
   */
  earlier?: { messageId: string; body: string; at: Date }[];
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
  /** The specialist the router chose (its slug), with the router's confidence and reasoning summary. */
  route?: string;
  confidence?: number;
  reasoning?: string;
  /** Tool calls of the run, arguments and results with secrets and personal data masked. */
  toolCalls?: { tool: string; args: unknown; result: string; ok: boolean; durationMs: number }[];
  /** Where the conversation window came from: 'l1' (Redis session window) or 'l2' (PostgreSQL history). */
  memorySource?: string;
  /** Answered from the semantic cache, without an LLM call. */
  cacheHit?: boolean;
  /** Estimated cost of the run's LLM calls in USD. */
  costUsd?: number;
}

export interface AiReply {
  text: string;
  audit: AiAudit;
  /** The fallback apology when the provider is down is the system's words, not the AI's (default 'ai'). */
  author?: 'ai' | 'system';
  /** Set when the engine decided a person should take over; `text` is then the customer's acknowledgement. */
  handoff?: { reason: string };
}

/** Implemented by the ai module and wired at boot: conversation never imports it. */
export abstract class AiResponder {
  /** Handles provider outages itself (fallback reply + handoff); throws on other failures so the job is retried. */
  abstract respond(request: AiRequest): Promise<AiReply>;
  /** A polite reply in the customer's language, with a handoff, for when the AI could not answer; audited as failed. */
  abstract fallback(request: AiRequest, error: unknown): AiReply;
  abstract recordAudit(
    refs: { tenantId: string; conversationId: string; inboundMessageId: string; replyMessageId: string | null },
    audit: AiAudit,
  ): Promise<void>;
}
