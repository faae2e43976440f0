import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../src/core/config/app-config';
import { QUEUES } from '../../src/core/queue/queue-names';
import { RedisConversationRunLock } from '../../src/modules/conversation/infrastructure/redis-conversation-run.lock';
import { testRedis } from '../support/redis';

const redis = testRedis('run-lock');

describe('RedisConversationRunLock: one AI run per conversation, freed soon after its worker dies', () => {
  const queue = new Bull(QUEUES.processAiResponse, redis.url, { prefix: redis.prefix });
  const config = Object.assign(new AppConfig(), { QUEUE_PREFIX: redis.prefix, QUEUE_LOCK_DURATION_MS: 8000 });
  const lock = new RedisConversationRunLock(queue, config);

  afterAll(async () => {
    await queue.close();
    await redis.cleanup();
  });

  it('gives a conversation to one run at a time, with a new fencing token each time', async () => {
    const key = randomUUID();
    const first = await lock.tryAcquire(key);
    expect(first).not.toBeNull();
    expect(await lock.tryAcquire(key)).toBeNull();
    await first!.release();
    const second = await lock.tryAcquire(key);
    expect(second!.fencingToken).toBeGreaterThan(first!.fencingToken);
    await second!.release();
  });

  it("leases a run no longer than a job's lock, so a killed worker's conversation is free by the time its job comes back", async () => {
    const key = randomUUID();
    const lease = await lock.tryAcquire(key);
    const ttl = await queue.client.pttl(`${redis.prefix}:ai:run:{${key}}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(config.QUEUE_LOCK_DURATION_MS);
    await lease!.release();
  });
});
