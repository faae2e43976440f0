import type { Logger } from '@nestjs/common';
import { TimeoutError, withTimeout } from '../time/with-timeout';

/** Redis is not connected, or did not answer in time: the caller degrades instead of waiting. */
export class RedisUnavailableError extends Error {
  constructor(readonly why: string) {
    super(`Redis unavailable: ${why}`);
    this.name = 'RedisUnavailableError';
  }
}

/** ioredis states in which a command would sit in the offline queue until a reconnect. */
const DISCONNECTED = new Set(['reconnecting', 'close', 'end']);

/** True while a command to this client would wait for a reconnect. */
export function isRedisDown(client: { status: string }): boolean {
  return DISCONNECTED.has(client.status);
}

/**
 * Runs one Redis call with a bound: at once RedisUnavailableError while the connection is down
 * (ioredis would queue the command through the whole reconnect backoff), and after `ms` when Redis
 * does not answer. The call itself is not cancelled: if Redis takes it late, it still happens,
 * which is why only idempotent calls (a job add under its message's id) may be bounded this way.
 */
export async function withinRedisBound<T>(client: { status: string }, ms: number, call: () => Promise<T>): Promise<T> {
  if (isRedisDown(client)) throw new RedisUnavailableError(`connection ${client.status}`);
  try {
    return await withTimeout(call(), ms);
  } catch (error) {
    if (error instanceof TimeoutError) throw new RedisUnavailableError(error.message);
    throw error;
  }
}

/**
 * Queues a job for a message that is already in PostgreSQL, within the bound: while Redis cannot
 * take it, the job is left to the reconciler (logged, false) instead of holding up the caller.
 */
export async function enqueueOrLeaveToReconciler(
  client: { status: string },
  ms: number,
  logger: Pick<Logger, 'warn'>,
  about: Record<string, unknown>,
  add: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await withinRedisBound(client, ms, add);
    return true;
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    logger.warn({ ...about, error: error.message }, 'job not queued; the reconciler will queue it');
    return false;
  }
}
