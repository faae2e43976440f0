import type { MemoryTurn } from '../../domain/memory/memory';

/** L1 memory: the last turns of a conversation in a fast store, forgotten after a time without use. */
export abstract class SessionWindow {
  /** The window, oldest first; null when there is none (never written, or expired), [] when it is empty. */
  abstract read(tenantId: string, conversationId: string): Promise<MemoryTurn[] | null>;
  /** Adds turns atomically (one per messageId, newest maxTurns kept) and restarts the time to live. */
  abstract append(tenantId: string, conversationId: string, turns: MemoryTurn[], opts: { maxTurns: number; ttlSeconds: number }): Promise<void>;
  abstract forget(tenantId: string, conversationId: string): Promise<void>;
}
