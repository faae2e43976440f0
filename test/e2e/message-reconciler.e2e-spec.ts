import { getQueueToken } from '@nestjs/bull';
import Bull from 'bull';
import { Client } from 'pg';
import { QUEUES } from '../../src/core/queue/queue-names';
import { RECONCILER_LOCK, ReconcilePass } from '../../src/modules/conversation/application/reconcile-messages.use-case';
import { ReconcilerScheduler } from '../../src/modules/conversation/infrastructure/reconciler.scheduler';
import { call, inboundForm, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { TestQueues } from '../support/queues';
import { deleteKeysOf } from '../support/redis';
import { startStack, Stack } from '../support/stack';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { REDIS_TEST_URL } from '../support/test-env';

/** Passes only when a test asks (and once at start): a test decides when Redis has lost its data. */
const RECONCILER_ENV = {
  RECONCILE_GRACE_MS: '0',
  RECONCILE_INTERVAL_MS: '3600000',
  // Short locks: a dead worker's job stalls within a second (and the file shows long runs keep theirs).
  QUEUE_LOCK_DURATION_MS: '1000',
  QUEUE_LOCK_RENEW_MS: '250',
  QUEUE_STALLED_INTERVAL_MS: '500',
  QUEUE_MAX_STALLED_COUNT: '1',
};

describe('the reconciler: messages whose jobs Redis lost are answered and sent, each exactly once', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let queues: TestQueues;
  let phone = 0;
  const newCustomer = () => `+55219${String(process.pid % 1e4).padStart(4, '0')}${String(++phone).padStart(3, '0')}`;
  const redis = () => ({ url: REDIS_TEST_URL, prefix: stack.redisPrefix });
  const pass = (app: TestApp = stack.app): Promise<ReconcilePass | null> => app.context.get(ReconcilerScheduler).runPass();
  const queued = async (app?: TestApp) => {
    const result = await pass(app);
    if (!result?.ran) throw new Error(`the pass did not run: ${JSON.stringify(result)}`);
    return result.queued;
  };
  const loseRedisData = () => deleteKeysOf(REDIS_TEST_URL, stack.redisPrefix);
  const post = async (from: string, body: string) => {
    const response = await postInbound(stack.app.url, inboundForm(tenant, { from, body }), tenant.number.authToken);
    expect(response.status).toBe(200);
  };
  const repliesTo = async (from: string) =>
    stack.query<{ id: string }>(`SELECT id FROM messages WHERE direction = 'outbound' AND to_address = $1`, [`whatsapp:${from}`]);
  /** Posts it and returns the stored message's id. */
  const storedInbound = async (from: string, send: () => Promise<void>) => {
    await send();
    const [row] = await stack.query<{ id: string }>(`SELECT id FROM messages WHERE direction = 'inbound' AND from_address = $1`, [`whatsapp:${from}`]);
    return row.id;
  };
  /** Everything set off so far has run: then exactly one reply per customer was stored and sent. */
  const expectOneReplyEach = async (customers: string[]) => {
    await queues.quiet();
    for (const customer of customers) {
      expect(stack.sentTo(customer)).toHaveLength(1);
      expect(await repliesTo(customer)).toHaveLength(1);
    }
  };

  beforeAll(async () => {
    stack = await startStack('reconciler', { openai: true, extra: RECONCILER_ENV });
    tenant = await newTenant(stack.app.url, 'Loja Reconciliada');
    queues = new TestQueues(redis());
  });

  afterAll(async () => {
    await queues?.close();
    await stack?.close();
  });

  /** A burst window long enough that the webhook's jobs are still delayed in Redis when its data is lost. */
  const burstWindow = async (debounceMs: number) => {
    const response = await call(stack.app.url, 'PATCH', '/api/v1/channel-settings', { token: tenant.adminToken, json: { debounceMs } });
    expect(response.status).toBe(200);
  };

  it('answers accepted messages whose jobs were lost with Redis\'s data exactly once, and leaves a delayed job alone', async () => {
    stack.openai!.reply = 'Resposta depois da perda do Redis.';
    await burstWindow(30000);
    const customers = [newCustomer(), newCustomer(), newCustomer()];
    for (const customer of customers) await post(customer, 'Oi, alguém aí?');

    // Their jobs wait in Redis for the burst window: nothing is lost yet, nothing is re-driven.
    expect(await queued()).toMatchObject({ answer: 0, inQueue: 3 });

    await loseRedisData();
    await burstWindow(0);
    // Nothing in PostgreSQL changed: the backlog was, and is, three messages awaiting an answer.
    const health = await call(stack.app.url, 'GET', '/health/ready?details=messages');
    expect(health.body.messages).toEqual({ inboundAwaitingAnswer: 3, outboundAwaitingSend: 0, inboundBeyondHorizon: 0, outboundBeyondHorizon: 0 });
    expect((await fetch(`${stack.app.url}/metrics`).then((r) => r.text())).split('\n')).toContain('atende_message_backlog{kind="inbound_awaiting_answer"} 3');

    expect(await queued()).toMatchObject({ answer: 3 });
    await expectOneReplyEach(customers);
    // Answered: a later pass finds nothing to do.
    expect(await queued()).toMatchObject({ answer: 0, send: 0, inQueue: 0 });
    expect((await call(stack.app.url, 'GET', '/health/ready?details=messages')).body.messages).toMatchObject({ inboundAwaitingAnswer: 0, outboundAwaitingSend: 0 });
  });

  it('sends an outbound message whose send job was lost during a Retry-After pause exactly once', async () => {
    stack.openai!.reply = 'Resposta que esperou o Twilio.';
    const customer = newCustomer();
    stack.twilio.failNext(429, { retryAfterSeconds: 600 });
    await post(customer, 'Quero saber do meu pedido');
    await eventually(async () => (await queues.get(QUEUES.sendWhatsappMessage).getDelayedCount()) === 1, 'the send waiting out Retry-After');

    // The first send job ended, continued as the delayed one: the reconciler follows it and waits.
    expect(await queued()).toMatchObject({ send: 0, inQueue: 1 });

    await loseRedisData();
    expect(await queued()).toMatchObject({ send: 1 });
    await expectOneReplyEach([customer]);
    expect(await stack.query(`SELECT 1 FROM messages WHERE direction = 'outbound' AND status = 'pending' AND to_address = $1`, [`whatsapp:${customer}`])).toHaveLength(0);
  });

  it('does not answer twice a message whose run is in progress while the reconciler runs, even with its job and run lock lost', async () => {
    stack.openai!.reply = 'Uma única resposta.';
    const customer = newCustomer();
    const release = stack.openai!.holdChats();
    try {
      await post(customer, 'Pergunta durante a execução');
      await eventually(() => stack.openai!.chatsInProgress > 0, 'the AI run in progress');
      // Its job is active in Redis: left alone.
      expect(await queued()).toMatchObject({ answer: 0, inQueue: 1 });
      // Redis loses the active job and the conversation's run lock: a second run starts beside the first.
      await loseRedisData();
      expect(await queued()).toMatchObject({ answer: 1 });
    } finally {
      release();
    }
    await expectOneReplyEach([customer]);
  });

  it('re-drives a job that two worker deaths failed for good ("job stalled more than allowable limit")', async () => {
    stack.openai!.reply = 'Resposta depois de duas quedas.';
    const appQueue = stack.app.context.get<Bull.Queue>(getQueueToken(QUEUES.processAiResponse));
    // The app's worker steps aside, so workers that die take the job.
    await appQueue.pause(true, true);
    const customer = newCustomer();
    const jobId = `ai:${await storedInbound(customer, () => post(customer, 'Mensagem de um worker que caiu'))}`;
    try {
      await dieWithTheJob();
      await dieWithTheJob();
      // Any worker's stalled check now finds the second interruption: failed for good.
      const checker = worker();
      try {
        await eventually(async () => {
          const job = await queues.get(QUEUES.processAiResponse).getJob(jobId);
          return !!job && (await job.getState()) === 'failed' && /stalled more than allowable limit/.test(job.failedReason ?? '');
        }, 'the job failed for good by stalls');
      } finally {
        await checker.queue.close(true);
      }
    } finally {
      await appQueue.resume(true);
    }
    expect(stack.sentTo(customer)).toHaveLength(0);

    expect(await queued()).toMatchObject({ answer: 1 });
    await expectOneReplyEach([customer]);
    expect(await (await queues.get(QUEUES.processAiResponse).getJob(jobId))!.getState()).toBe('completed');
  });

  /** A worker (of the test's own) whose jobs never finish: closed without waiting, it dies with them. */
  function worker(): { queue: Bull.Queue; took: () => boolean } {
    const queue = new Bull(QUEUES.processAiResponse, REDIS_TEST_URL, {
      prefix: stack.redisPrefix,
      settings: { lockDuration: 1000, lockRenewTime: 250, stalledInterval: 500, maxStalledCount: 1 },
    });
    let took = false;
    void queue.process(() => {
      took = true;
      return new Promise(() => undefined);
    });
    return { queue, took: () => took };
  }

  /** A worker takes the job and dies with it (no lock renewal, no completion): one interruption. */
  async function dieWithTheJob(): Promise<void> {
    const dying = worker();
    try {
      await eventually(() => dying.took(), 'a worker taking the job');
    } finally {
      await dying.queue.close(true);
    }
  }

  it('lets one process at a time run a pass: two app instances re-drive each message once', async () => {
    stack.openai!.reply = 'Resposta com dois workers.';
    await burstWindow(30000);
    const customers = [newCustomer(), newCustomer(), newCustomer(), newCustomer()];
    for (const customer of customers) await post(customer, 'Olá de novo');
    await loseRedisData();
    await burstWindow(0);

    // Another session holds the reconciler's lock, so the second instance's start pass does nothing either.
    const holder = new Client({ connectionString: stack.db.url });
    await holder.connect();
    let second: TestApp | null = null;
    try {
      expect((await holder.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [RECONCILER_LOCK])).rows).toEqual([{ locked: true }]);
      second = await startTestApp(
        testEnv({ databaseUrl: stack.db.appUrl, redis: redis(), twilioUrl: stack.twilio.url, openAiUrl: stack.openai!.url, extra: { ...RECONCILER_ENV, APP_ROLE: 'worker' } }),
      );
      expect(await Promise.all([pass(), pass(second)])).toEqual([
        { ran: false, reason: 'locked' },
        { ran: false, reason: 'locked' },
      ]);
      await holder.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RECONCILER_LOCK]);

      const passes = await Promise.all([pass(), pass(second)]);
      expect(passes.reduce((sum, p) => sum + (p?.ran ? p.queued.answer : 0), 0)).toBe(customers.length);
      await expectOneReplyEach(customers);
    } finally {
      await holder.end();
      await second?.close();
    }
  });
});
