import { QUEUES } from '../../src/core/queue/queue-names';
import { deliver, deliverAll, Delivery, expectExactlyOneReplyEach, jobsWaiting, settle, waitFor } from '../support/fault-run';
import { FaultStack } from '../support/fault-stack';
import { eventually, pause } from '../support/test-app';

/**
 * Faults of the stores: Redis restarted with its append-only file, Redis killed and started empty,
 * Redis down while webhooks arrive, PostgreSQL restarted (fast, and a crash with a short outage).
 * The built service runs as an api process and two worker processes on PostgreSQL and Redis of their own.
 */
describe('faults: Redis and PostgreSQL restarts and outages', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start('stores', { openai: true });
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  // A model that takes a moment keeps jobs waiting in Redis when the fault strikes.
  beforeEach(() => (stack.openai!.chatDelayMs = 300));

  const repliesSoFar = (count: number) => eventually(() => stack.twilio.accepted.length >= count, `${count} replies`, 60_000);
  const aiJobsWaiting = (count: number) => eventually(async () => (await jobsWaiting(stack, QUEUES.processAiResponse)) >= count, `${count} AI jobs waiting`, 60_000);

  it('answers every message exactly once when Redis restarts with its data (append-only file) mid-run', async () => {
    const start = stack.twilio.accepted.length;
    const run = deliverAll(stack, stack.newCustomers(60), { spacingMs: 30 });
    await repliesSoFar(start + 5);
    await aiJobsWaiting(5);
    await stack.redis.restart('kept');
    expectExactlyOneReplyEach('Redis restarted with its data', await settle(stack, await run));
  }, 120_000);

  it('answers every accepted message exactly once when Redis is killed mid-run and comes back empty', async () => {
    const start = stack.twilio.accepted.length;
    const run = deliverAll(stack, stack.newCustomers(60), { spacingMs: 30 });
    await repliesSoFar(start + 5);
    await aiJobsWaiting(5);
    await stack.redis.restart('lost');
    expectExactlyOneReplyEach('Redis killed, restarted empty', await settle(stack, await run));
  }, 120_000);

  it('answers webhooks at once while Redis is down, and every one of them exactly once when it is back', async () => {
    const before = await deliverAll(stack, stack.newCustomers(10));
    await stack.redis.down('gracefully');
    const answered: Delivery[] = [];
    const during = stack.newCustomers(20).map(async (customer, i) => {
      await pause(i * 50);
      const delivery = await deliver(stack, customer);
      answered.push(delivery);
      return delivery;
    });
    // Down for a few seconds, and until every webhook of the outage was answered (bounded).
    await Promise.all([pause(3000), waitFor(() => answered.length === during.length, 8000)]);
    const redisBackAt = Date.now();
    await stack.redis.up();
    const deliveries = await Promise.all(during);
    const late = deliveries.filter((d) => !d.accepted || d.attempts[0] !== '200' || (d.acceptedAt ?? Infinity) >= redisBackAt);
    const outcome = await settle(stack, [...before, ...deliveries]);
    console.log(`[faults] Redis down: ${late.length} of ${deliveries.length} webhooks of the outage not answered 200 before Redis came back`);
    expectExactlyOneReplyEach('webhooks while Redis is down', outcome);
    const answeredAt = (d: Delivery) => (d.acceptedAt ? `200 ${d.acceptedAt - redisBackAt} ms after Redis was back` : 'never 200');
    expect(late.map((d) => `${d.customer}: attempts [${d.attempts.join(', ')}], ${answeredAt(d)}`)).toEqual([]);
  }, 120_000);

  it('answers every message exactly once across a fast PostgreSQL restart and a crash with a short outage', async () => {
    const start = stack.twilio.accepted.length;
    const run = deliverAll(stack, stack.newCustomers(60), { spacingMs: 40 });
    await repliesSoFar(start + 10);
    await stack.postgres.restart('fast');
    await repliesSoFar(start + 25);
    await stack.postgres.down('immediate');
    await pause(2000);
    await stack.postgres.up();
    expectExactlyOneReplyEach('PostgreSQL restarted (fast, then immediate with 2 s down)', await settle(stack, await run));
  }, 120_000);
});
