import { Injectable, Logger } from '@nestjs/common';
import { mergeTurns, MemorySource, MemoryTurn } from '../../domain/memory/memory';
import { ConversationHistory } from '../ports/conversation-history.port';
import { SessionWindow } from '../ports/session-window.port';

export interface LoadSessionInput {
  tenantId: string;
  conversationId: string;
  /** The message being answered; it is in the result even when neither tier has it yet. */
  current: MemoryTurn;
  /** A burst's earlier unanswered messages, answered with `current`: in the result too, whatever the tiers hold. */
  earlier?: MemoryTurn[];
  maxTurns: number;
  ttlSeconds: number;
}

export interface RecordTurnsInput {
  tenantId: string;
  conversationId: string;
  /** With the ids of the stored messages, so that they match what L2 would read. */
  turns: MemoryTurn[];
  maxTurns: number;
  ttlSeconds: number;
}

/**
 * The session's recent turns: the Redis window (L1) when it is warm, else the messages table (L2),
 * which then warms the window. The window is a cache: when Redis fails, the history still answers.
 */
@Injectable()
export class ConversationMemory {
  private readonly logger = new Logger(ConversationMemory.name);

  constructor(
    private readonly window: SessionWindow,
    private readonly history: ConversationHistory,
  ) {}

  async load(input: LoadSessionInput): Promise<{ turns: MemoryTurn[]; source: MemorySource }> {
    const { tenantId, conversationId, maxTurns, ttlSeconds } = input;
    const asked = [...(input.earlier ?? []), input.current];
    const cached = await this.readWindow(tenantId, conversationId);
    if (cached) return { turns: mergeTurns(cached, asked, maxTurns), source: 'l1' };
    const stored = await this.history.recent(tenantId, conversationId, maxTurns);
    const turns = mergeTurns(stored, asked, maxTurns);
    await this.bestEffort('warm', () => this.window.append(tenantId, conversationId, turns, { maxTurns, ttlSeconds }));
    return { turns, source: 'l2' };
  }

  /**
   * Adds turns (the inbound message and the reply, after a run) to a warm window. A cold window is
   * left cold: written now it would hold only these turns, hiding the older history L2 still has.
   */
  async record(input: RecordTurnsInput): Promise<void> {
    const { tenantId, conversationId, turns, maxTurns, ttlSeconds } = input;
    if ((await this.readWindow(tenantId, conversationId)) === null) return;
    await this.bestEffort('record', () => this.window.append(tenantId, conversationId, turns, { maxTurns, ttlSeconds }));
  }

  forget(tenantId: string, conversationId: string): Promise<void> {
    return this.window.forget(tenantId, conversationId);
  }

  private async readWindow(tenantId: string, conversationId: string): Promise<MemoryTurn[] | null> {
    try {
      return await this.window.read(tenantId, conversationId);
    } catch (error) {
      this.logger.warn(`session window unreadable, using the stored history: ${(error as Error).message}`);
      return null;
    }
  }

  private async bestEffort(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn(`session window ${what} failed: ${(error as Error).message}`);
    }
  }
}
