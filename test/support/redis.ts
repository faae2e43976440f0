import Redis from 'ioredis';
import { REDIS_BASE_URL } from './test-env';

/** Each test file owns one Redis database index and starts it empty. */
export async function flushRedisDb(db: number): Promise<void> {
  const redis = new Redis(`${REDIS_BASE_URL}/${db}`);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
