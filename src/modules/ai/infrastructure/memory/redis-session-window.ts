import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import { SessionWindow } from '../../application/ports/session-window.port';
import { mergeTurns, MemoryTurn } from '../../domain/memory/memory';

/**
 * Compare-and-set: writes the new window (restarting its TTL) only if the key still holds what the
 * caller read (ARGV[1] = '1' for "did not exist"). One key per script, so it is safe on Redis Cluster.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
return 1`;

/** Concurrent appends to one conversation are rare; each lost race re-reads and merges again. */
const MAX_ATTEMPTS = 50;

/**
 * L1 memory as one JSON array per conversation, on the AI queue's Redis connection. Appends merge
 * in the application (mergeTurns) and write with a compare-and-set script, so two appends at once
 * never lose each other's turns; WATCH would not be safe on a connection Bull shares.
 */
@Injectable()
export class RedisSessionWindow extends SessionWindow {
  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async read(tenantId: string, conversationId: string): Promise<MemoryTurn[] | null> {
    const raw = await this.queue.client.get(this.key(tenantId, conversationId));
    return raw === null ? null : parseWindow(raw);
  }

  async append(tenantId: string, conversationId: string, turns: MemoryTurn[], opts: { maxTurns: number; ttlSeconds: number }): Promise<void> {
    const ttl = Math.floor(opts.ttlSeconds);
    if (!(ttl >= 1)) throw new RangeError('ttlSeconds must be at least 1');
    const key = this.key(tenantId, conversationId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const raw = await this.queue.client.get(key);
      const next = mergeTurns(raw === null ? [] : (parseWindow(raw) ?? []), turns, opts.maxTurns);
      const written = await this.queue.client.eval(COMPARE_AND_SET, 1, key, raw === null ? '1' : '0', raw ?? '', JSON.stringify(next.map(onlyTurnFields)), ttl);
      if (Number(written) === 1) return;
    }
    throw new Error(`session window ${key} kept changing during ${MAX_ATTEMPTS} attempts to append`);
  }

  async forget(tenantId: string, conversationId: string): Promise<void> {
    await this.queue.client.del(this.key(tenantId, conversationId));
  }

  private key(tenantId: string, conversationId: string): string {
    return `${this.config.QUEUE_PREFIX}:ai:session:${tenantId}:${conversationId}`;
  }
}

/** null for a value this code did not write (treated as no window, and overwritten by the next append). */
function parseWindow(raw: string): MemoryTurn[] | null {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) && value.every(isTurn) ? value : null;
  } catch {
    return null;
  }
}

function onlyTurnFields({ messageId, author, body, at }: MemoryTurn): MemoryTurn {
  return { messageId, author, body, at };
}

function isTurn(value: unknown): value is MemoryTurn {
  const turn = value as Partial<MemoryTurn> | null;
  return typeof turn === 'object' && turn !== null && typeof turn.messageId === 'string' && typeof turn.author === 'string' && typeof turn.body === 'string' && typeof turn.at === 'string';
}
