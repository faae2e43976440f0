import type { MemoryTurn } from '../../domain/memory/memory';

/** L2 memory: a conversation's stored messages, read-only. */
export abstract class ConversationHistory {
  /** The newest `limit` messages of the conversation (inbound and outbound, every author), oldest first. */
  abstract recent(tenantId: string, conversationId: string, limit: number): Promise<MemoryTurn[]>;
  /** The contact the conversation is with, or null when the tenant has no such conversation. */
  abstract contactOf(tenantId: string, conversationId: string): Promise<string | null>;
}
