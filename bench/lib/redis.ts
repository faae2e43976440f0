import Redis from 'ioredis';
import { REDIS_URL } from './postgres';

/** Every Redis key of one bench run starts with this prefix (QUEUE_PREFIX of the service and the baseline). */
export const REDIS_PREFIX = `atende-bench-${process.pid}`;

/** Deletes every key that carries the prefix, wherever a key builder puts it (never anything else: the Redis is shared). */
export async function deleteRedisKeys(prefix = REDIS_PREFIX): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
