import { Logger } from '@nestjs/common';
import { strict } from '@test/support/strict-fake';
import type { MemoryTurn } from '../../domain/memory/memory';
import type { ConversationHistory } from '../ports/conversation-history.port';
import type { SessionWindow } from '../ports/session-window.port';
import { ConversationMemory } from './conversation-memory';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CONVERSATION = '22222222-2222-4222-8222-222222222222';
const OPTS = { maxTurns: 3, ttlSeconds: 1800 };

const turn = (messageId: string, minute: number, author: MemoryTurn['author'] = 'contact'): MemoryTurn => ({
  messageId,
  author,
  body: `message ${messageId}`,
  at: `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`,
});
const ids = (turns: MemoryTurn[]) => turns.map((t) => t.messageId);

function setup(state: { window: MemoryTurn[] | null; stored?: MemoryTurn[]; windowFails?: boolean }) {
  const calls: string[] = [];
  const appended: { turns: MemoryTurn[]; opts: { maxTurns: number; ttlSeconds: number } }[] = [];
  const window = strict<SessionWindow>('window', {
    read: async (tenantId: string, conversationId: string) => {
      calls.push(`read:${tenantId}:${conversationId}`);
      if (state.windowFails) throw new Error('redis is down');
      return state.window;
    },
    append: async (_tenantId: string, _conversationId: string, turns: MemoryTurn[], opts: { maxTurns: number; ttlSeconds: number }) => {
      calls.push('append');
      if (state.windowFails) throw new Error('redis is down');
      appended.push({ turns, opts });
    },
    forget: async (tenantId: string, conversationId: string) => void calls.push(`forget:${tenantId}:${conversationId}`),
  });
  const history = strict<ConversationHistory>('history', {
    recent: async (tenantId: string, conversationId: string, limit: number) => {
      calls.push(`recent:${tenantId}:${conversationId}:${limit}`);
      return state.stored ?? [];
    },
  });
  return { memory: new ConversationMemory(window, history), calls, appended };
}

describe('ConversationMemory', () => {
  it('answers from a warm window (L1), with the current message merged in once, without reading the history', async () => {
    const { memory, calls, appended } = setup({ window: [turn('m1', 1), turn('r1', 2, 'ai'), turn('m2', 3)] });

    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m2', 3), ...OPTS });

    expect(loaded.source).toBe('l1');
    expect(ids(loaded.turns)).toEqual(['m1', 'r1', 'm2']);
    expect(calls).toEqual([`read:${TENANT}:${CONVERSATION}`]);
    expect(appended).toEqual([]);
  });

  it("puts a burst's earlier unanswered messages in a warm window that never saw them, in order, before the current one", async () => {
    const { memory } = setup({ window: [turn('m1', 1), turn('r1', 2, 'ai')] });

    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m4', 5), earlier: [turn('m2', 3), turn('m3', 4)], maxTurns: 10, ttlSeconds: 1800 });

    expect(ids(loaded.turns)).toEqual(['m1', 'r1', 'm2', 'm3', 'm4']);
  });

  it("keeps a burst's earlier messages once when the stored history (L2) already has them", async () => {
    const { memory } = setup({ window: null, stored: [turn('m1', 1), turn('m2', 2)] });

    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m3', 3), earlier: [turn('m1', 1), turn('m2', 2)], maxTurns: 10, ttlSeconds: 1800 });

    expect(ids(loaded.turns)).toEqual(['m1', 'm2', 'm3']);
  });

  it('treats an existing empty window as warm', async () => {
    const { memory } = setup({ window: [] });
    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m1', 1), ...OPTS });
    expect(loaded).toEqual({ turns: [turn('m1', 1)], source: 'l1' });
  });

  it('reads the newest maxTurns messages (L2) when the window is cold, and warms the window with them', async () => {
    const stored = [turn('m1', 1), turn('r1', 2, 'ai'), turn('m2', 3)];
    const { memory, calls, appended } = setup({ window: null, stored });

    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m3', 4), ...OPTS });

    expect(loaded.source).toBe('l2');
    expect(ids(loaded.turns)).toEqual(['r1', 'm2', 'm3']);
    expect(calls).toEqual([`read:${TENANT}:${CONVERSATION}`, `recent:${TENANT}:${CONVERSATION}:3`, 'append']);
    expect(appended).toEqual([{ turns: loaded.turns, opts: OPTS }]);
  });

  it('falls back to the history when the window cannot be read or written, and still answers', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { memory } = setup({ window: null, stored: [turn('m1', 1)], windowFails: true });
    const loaded = await memory.load({ tenantId: TENANT, conversationId: CONVERSATION, current: turn('m2', 2), ...OPTS });
    expect(loaded).toEqual({ turns: [turn('m1', 1), turn('m2', 2)], source: 'l2' });
    expect(warnings.mock.calls.map(([message]) => String(message))).toEqual([expect.stringContaining('redis is down'), expect.stringContaining('redis is down')]);
    warnings.mockRestore();
  });

  it('records turns into a warm window', async () => {
    const { memory, appended } = setup({ window: [turn('m1', 1)] });
    await memory.record({ tenantId: TENANT, conversationId: CONVERSATION, turns: [turn('m2', 2), turn('r2', 3, 'ai')], ...OPTS });
    expect(appended).toEqual([{ turns: [turn('m2', 2), turn('r2', 3, 'ai')], opts: OPTS }]);
  });

  it('leaves a cold window cold when recording, so the next load reads the full history', async () => {
    const { memory, calls } = setup({ window: null });
    await memory.record({ tenantId: TENANT, conversationId: CONVERSATION, turns: [turn('m2', 2)], ...OPTS });
    expect(calls).toEqual([`read:${TENANT}:${CONVERSATION}`]);
  });

  it('forgets the window', async () => {
    const { memory, calls } = setup({ window: null });
    await memory.forget(TENANT, CONVERSATION);
    expect(calls).toEqual([`forget:${TENANT}:${CONVERSATION}`]);
  });
});
