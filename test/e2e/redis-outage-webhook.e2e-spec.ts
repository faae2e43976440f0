import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QUEUES } from '../../src/core/queue/queue-names';
import { inboundForm, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { freePort } from '../support/free-port';
import { TestQueues } from '../support/queues';
import { OwnRedisServer } from '../support/redis-server';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

describe('the webhook while Redis is down: 200 at once, the message stored, answered once Redis is back', () => {
  let redis: OwnRedisServer;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let app: TestApp;
  let tenant: TenantFixture;
  const prefix = `atende-test-outage-${process.pid}`;

  beforeAll(async () => {
    redis = await new OwnRedisServer(await freePort()).start();
    [db, twilio, openai] = await Promise.all([createTestDatabase('redis_outage'), new TwilioStandIn().start(), new OpenAiStandIn().start()]);
    app = await startTestApp(
      testEnv({
        databaseUrl: db.appUrl,
        redis: { url: redis.url, prefix },
        twilioUrl: twilio.url,
        openAiUrl: openai.url,
        extra: { RECONCILE_GRACE_MS: '0', RECONCILE_INTERVAL_MS: '200' },
      }),
    );
    tenant = await newTenant(app.url, 'Loja Sem Redis');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop(), db?.drop()]);
    await redis?.kill();
  });

  it('answers 200 and stores the message while Redis is unreachable; the reconciler answers it once Redis is back', async () => {
    openai.reply = 'Resposta depois da volta do Redis.';
    const customer = '+5531990001234';
    const queue = app.context.get<Queue>(getQueueToken(QUEUES.processAiResponse));

    await redis.kill();
    await eventually(() => queue.client.status !== 'ready', 'the app to see Redis gone');
    const response = await postInbound(app.url, inboundForm(tenant, { from: customer, body: 'Tem alguém aí?' }), tenant.number.authToken);

    // The request completed while Redis was still down (it is started again only below).
    expect(response.status).toBe(200);
    expect(queue.client.status).not.toBe('ready');
    expect(await queryDb(db.url, `SELECT body FROM messages WHERE direction = 'inbound' AND from_address = $1`, [`whatsapp:${customer}`])).toEqual([{ body: 'Tem alguém aí?' }]);

    await redis.start();
    const sent = await eventually(() => twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`).length > 0, 'the reply once Redis is back');
    expect(sent).toBe(true);
    const queues = new TestQueues({ url: redis.url, prefix });
    try {
      await queues.quiet();
    } finally {
      await queues.close();
    }
    expect(twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`)).toHaveLength(1);
    expect(await queryDb(db.url, `SELECT 1 FROM messages WHERE direction = 'outbound' AND to_address = $1`, [`whatsapp:${customer}`])).toHaveLength(1);
  });
});
