import { call, inboundForm, newTenant, postInbound } from '../support/api-client';
import { spawnBuiltService } from '../support/child-process';
import { freePort } from '../support/free-port';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('proc');

describe('processes: APP_ROLE, the built service, configuration and shutdown', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let api: TestApp;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('processes');
    env = testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url });
    api = await startTestApp({ ...env, APP_ROLE: 'api' });
  });

  afterAll(async () => {
    await api?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  it('answers with an api process plus a separate worker process, and the api alone answers nothing', async () => {
    const tenant = await newTenant(api.url);
    const customer = '+5511922220001';
    openai.reply = 'Resposta vinda do worker.';

    const response = await postInbound(api.url, inboundForm(tenant, { from: customer, body: 'Olá' }), tenant.number.authToken);
    expect(response.status).toBe(200);
    await pause(1000);
    expect(twilio.accepted).toHaveLength(0);
    expect(openai.completions).toHaveLength(0);

    const metricsPort = await freePort();
    const worker = spawnBuiltService({ ...env, APP_ROLE: 'worker', LOG_LEVEL: 'info', METRICS_PORT: String(metricsPort) });
    try {
      const [sent] = await eventually(() => twilio.accepted.length > 0 && twilio.accepted, 'the worker process to answer', 30_000);
      // The run happened in the worker: its own /metrics (METRICS_PORT) counts it.
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/atende_ai_runs_total\{outcome="answered"\} 1/);
      expect(sent).toMatchObject({ to: `whatsapp:${customer}`, from: `whatsapp:${tenant.number.phoneNumber}`, body: 'Resposta vinda do worker.' });
      // The worker's log lines carry the correlation id the webhook created for this message.
      const correlation = await queryDb<{ correlation_id: string }>(db.url, `SELECT correlation_id FROM messages WHERE from_address = $1`, [`whatsapp:${customer}`]);
      await eventually(() => worker.output().includes(`"correlationId":"${correlation[0].correlation_id}"`), 'a worker log line with the correlation id');
    } finally {
      worker.child.kill('SIGTERM');
      const code = await worker.exited;
      expect(code).toBe(0);
    }
  });

  it('stops on SIGTERM with exit code 0 after serving (graceful shutdown of the built api)', async () => {
    const service = spawnBuiltService({ ...env, APP_ROLE: 'all', PORT: '0', LOG_LEVEL: 'info' });
    await eventually(() => service.output().includes('Atende started'), 'the service to start', 30_000);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('refuses to start with an invalid or missing variable and names it', async () => {
    const bad = spawnBuiltService({ ...env, ENCRYPTION_KEY: 'abc', JWT_SECRET: '' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('ENCRYPTION_KEY must be 32 bytes as 64 hex characters');
    expect(bad.output()).toContain('JWT_SECRET is required');
  });

  it('reports ready only when PostgreSQL, Redis and migrations are fine', async () => {
    const ready = await call(api.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok', migrations: 'ok' }, ai: { breakers: expect.any(Object) } });
    expect((await call(api.url, 'GET', '/health/live')).status).toBe(200);

    const unmigrated = await createTestDatabase('unmigrated');
    try {
      await queryDb(unmigrated.url, `DELETE FROM typeorm_migrations`);
      const app = await startTestApp({ ...env, DATABASE_URL: unmigrated.appUrl, APP_ROLE: 'api' });
      try {
        const notReady = await call(app.url, 'GET', '/health/ready');
        expect(notReady.status).toBe(503);
        expect(notReady.body.checks.migrations).toBe('pending migrations');
      } finally {
        await app.close();
      }
    } finally {
      await unmigrated.drop();
    }
  });
});
