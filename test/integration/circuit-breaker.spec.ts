import 'reflect-metadata';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { AppConfig } from '../../src/core/config/app-config';
import { RedisCircuitBreaker } from '../../src/modules/ai/infrastructure/resilience/redis-circuit-breaker';
import { testRedis } from '../support/redis';
import { eventually } from '../support/test-app';

const redis = testRedis('breaker');
const COOLDOWN_MS = 300;

/**
 * The circuit breaker over the real Redis. Two instances with connections of their own stand for
 * an api and a worker process: what one records, the other sees.
 */
describe('RedisCircuitBreaker shared through Redis', () => {
  const connections: Redis[] = [];
  let api: RedisCircuitBreaker;
  let worker: RedisCircuitBreaker;
  let sequence = 0;
  const newKey = () => `openai:gpt-test-${(sequence += 1)}`;

  function breaker(): RedisCircuitBreaker {
    const client = new Redis(redis.url);
    connections.push(client);
    const config = Object.assign(new AppConfig(), { QUEUE_PREFIX: redis.prefix, AI_BREAKER_FAILURE_THRESHOLD: 3, AI_BREAKER_COOLDOWN_MS: COOLDOWN_MS });
    return new RedisCircuitBreaker({ client } as unknown as Queue, config);
  }

  beforeAll(() => {
    api = breaker();
    worker = breaker();
  });

  afterAll(async () => {
    await redis.cleanup();
    for (const client of connections) client.disconnect();
  });

  it('starts closed for a key it has never seen', async () => {
    expect(await api.state(newKey())).toBe('closed');
  });

  it('opens after the threshold of consecutive failures, counted across both processes', async () => {
    const key = newKey();
    expect(await api.recordFailure(key)).toBe('closed');
    expect(await worker.recordFailure(key)).toBe('closed');
    expect(await api.state(key)).toBe('closed');

    expect(await worker.recordFailure(key)).toBe('open');
    expect(await api.state(key)).toBe('open');
    expect(await worker.state(key)).toBe('open');
  });

  it('a success in one process resets the failures the other counted', async () => {
    const key = newKey();
    await api.recordFailure(key);
    await api.recordFailure(key);
    await worker.recordSuccess(key);
    expect(await api.recordFailure(key)).toBe('closed');
    expect(await api.recordFailure(key)).toBe('closed');
  });

  it('turns half_open after the cooldown; a failure reopens it, a success closes it for both', async () => {
    const key = newKey();
    for (let i = 0; i < 3; i += 1) await api.recordFailure(key);
    expect(await worker.state(key)).toBe('open');

    await eventually(async () => (await worker.state(key)) === 'half_open', 'the cooldown to pass');
    expect(await api.state(key)).toBe('half_open');
    expect(await api.recordFailure(key)).toBe('open');
    expect(await worker.state(key)).toBe('open');

    await eventually(async () => (await api.state(key)) === 'half_open', 'the second cooldown to pass');
    await worker.recordSuccess(key);
    expect(await api.state(key)).toBe('closed');
    expect(await worker.state(key)).toBe('closed');
  });

  it('loses no failure when callers in both processes record at the same moment', async () => {
    const key = newKey();
    const results = await Promise.all([api, worker, api].map((b) => b.recordFailure(key)));

    expect(results.sort()).toEqual(['closed', 'closed', 'open']);
    expect(JSON.parse((await connections[0].get(`${redis.prefix}:ai:breaker:${key}`)) ?? '{}')).toMatchObject({ failures: 3 });
    expect(await api.state(key)).toBe('open');
  });

  it('lists every breaker it has recorded, with its state, in either process', async () => {
    const open = newKey();
    const closed = newKey();
    for (let i = 0; i < 3; i += 1) await api.recordFailure(open);
    await api.recordSuccess(closed);

    const snapshot = await worker.snapshot();

    expect(snapshot).toMatchObject({ [open]: 'open', [closed]: 'closed' });
  });

  it('keeps its keys under QUEUE_PREFIX', async () => {
    const key = newKey();
    await api.recordSuccess(key);
    const client = connections[0];
    expect(await client.exists(`${redis.prefix}:ai:breaker:${key}`)).toBe(1);
    expect(await client.sismember(`${redis.prefix}:ai:breakers`, key)).toBe(1);
  });
});
