import type { Queue } from 'bull';
import Redis from 'ioredis';
import { RedisCircuitBreaker } from '../../src/modules/ai/infrastructure/resilience/redis-circuit-breaker';
import { call } from '../support/api-client';
import { testRedis } from '../support/redis';
import { startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const redis = testRedis('metrics');

describe('GET /metrics and the AI breakers on /health/ready', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let otherProcess: Redis;
  /** Another process's view of the breakers: it shares only Redis with the app. */
  let breakers: RedisCircuitBreaker;

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, extra: { AI_BREAKER_FAILURE_THRESHOLD: '2', AI_BREAKER_COOLDOWN_MS: '600000' } }));
    otherProcess = new Redis(redis.url);
    breakers = new RedisCircuitBreaker({ client: otherProcess } as unknown as Queue, app.config);
  });

  afterAll(async () => {
    await app?.close();
    otherProcess?.disconnect();
    await db?.drop();
    await redis.cleanup();
  });

  it('serves Prometheus text without a token, with the AI counters and the process metrics', async () => {
    expect((await call(app.url, 'GET', '/health/live')).status).toBe(200);

    const scrape = await call(app.url, 'GET', '/metrics');

    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['atende_ai_runs_total', 'atende_ai_tokens_total', 'atende_llm_calls_total', 'atende_ai_cost_usd_total', 'atende_llm_breaker_state']) {
      expect(scrape.text).toContain(`# TYPE ${name} `);
    }
    expect(scrape.text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('reports ready with no breaker yet', async () => {
    const ready = await call(app.url, 'GET', '/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok', migrations: 'ok' }, ai: { breakers: {} } });
  });

  it('shows a breaker another process opened, on /metrics and /health/ready, and stays ready', async () => {
    await breakers.recordSuccess('openai:gpt-4.1-mini');
    await breakers.recordFailure('openai:gpt-test-stand-in');
    expect(await breakers.recordFailure('openai:gpt-test-stand-in')).toBe('open');

    const ready = await call(app.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.ai).toEqual({ breakers: { 'openai:gpt-4.1-mini': 'closed', 'openai:gpt-test-stand-in': 'open' } });

    const scrape = await call(app.url, 'GET', '/metrics');
    expect(scrape.text).toContain('atende_llm_breaker_state{key="openai:gpt-test-stand-in"} 2');
    expect(scrape.text).toContain('atende_llm_breaker_state{key="openai:gpt-4.1-mini"} 0');
  });

  it('documents the AI section of readiness and leaves /metrics out of the API document', async () => {
    const doc = (await call(app.url, 'GET', '/docs-json')).body;

    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    const schemas = Object.values(doc.components.schemas) as { properties?: Record<string, { description?: string }> }[];
    const readiness = schemas.find((schema) => schema.properties?.checks && schema.properties?.ai);
    expect(readiness?.properties?.ai.description).toMatch(/circuit breaker/);
  });
});
