import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import { ConversationRunLock, RunLease } from '../application/ports/conversation-run-lock.port';

/** KEYS: the lock, its fencing counter (one hash slot: {key}). ARGV: lease ms, counter ttl ms. */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return token`;

/** Extends the lease only while this holder still has it. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`;

const COUNTER_TTL_MS = 24 * 3600 * 1000;

/**
 * The conversation run lock on the AI queue's Redis connection: SET NX with a lease and a fencing
 * token from a counter. Answering is also fenced in PostgreSQL (a reply claims its inbound messages
 * only if none was answered meanwhile), so a holder whose lease lapsed can never answer twice.
 * The lease is as long as a job's lock (QUEUE_LOCK_DURATION_MS), renewed every third of it: a killed
 * worker's conversation is free again by the time its stalled job comes back, not later.
 */
@Injectable()
export class RedisConversationRunLock extends ConversationRunLock {
  private readonly logger = new Logger(RedisConversationRunLock.name);

  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async tryAcquire(key: string): Promise<RunLease | null> {
    const lockKey = `${this.config.QUEUE_PREFIX}:ai:run:{${key}}`;
    const token = Number(await this.queue.client.eval(ACQUIRE, 2, lockKey, `${lockKey}:fence`, this.leaseMs, COUNTER_TTL_MS));
    if (!token) return null;
    const renewal = setInterval(() => void this.renew(lockKey, token), this.leaseMs / 3);
    renewal.unref();
    return {
      fencingToken: token,
      release: async () => {
        clearInterval(renewal);
        await this.queue.client.eval(RELEASE, 1, lockKey, String(token));
      },
    };
  }

  private get leaseMs(): number {
    return this.config.QUEUE_LOCK_DURATION_MS;
  }

  private async renew(lockKey: string, token: number): Promise<void> {
    try {
      const renewed = Number(await this.queue.client.eval(RENEW, 1, lockKey, String(token), this.leaseMs));
      if (!renewed) this.logger.warn({ lockKey, token }, 'conversation run lease lost before the run ended');
    } catch (error) {
      this.logger.warn({ lockKey, err: error }, 'conversation run lease renewal failed');
    }
  }
}
