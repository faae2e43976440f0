import Redis from 'ioredis';
import { REDIS_TEST_URL } from './test-env';

/**
 * Each test file gets Redis keys of its own (a unique QUEUE_PREFIX), so files and even concurrent
 * test runs never see each other's jobs; the keys are removed when the file is done.
 */
export function testRedis(label: string): { url: string; prefix: string; cleanup: () => Promise<void> } {
  const prefix = `atende-test-${label}-${process.pid}`;
  return {
    url: REDIS_TEST_URL,
    prefix,
    cleanup: () => deleteKeysOf(REDIS_TEST_URL, prefix),
  };
}

/** Deletes every key under the prefix: as if that Redis lost its data, for this test's keys only (never FLUSHALL). */
export async function deleteKeysOf(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
