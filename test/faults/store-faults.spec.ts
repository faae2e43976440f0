import { QUEUES } from '../../src/core/queue/queue-names';
import { deliver, deliverAll, Delivery, expectExactlyOneReplyEach, jobsWaiting, Outcome, settle, waitFor } from '../support/fault-run';
import { faultStackFor } from '../support/fault-stack';
import { eventually, pause } from '../support/test-app';

/**
 * Faults of the stores: Redis restarted with its append-only file, Redis killed and started empty,
 * Redis down while webhooks arrive, PostgreSQL restarted (fast, and a crash with a short outage).
 * The built service runs as an api process and two worker processes on PostgreSQL and Redis of their own.
 */
describe('faults: Redis and PostgreSQL restarts and outages', () => {
  const faults = faultStackFor('stores', { openai: true });

  // A model that takes a moment keeps jobs waiting in Redis when the fault strikes.
  beforeEach(() => (faults().openai!.chatDelayMs = 600));

  /** 60 customers write; once replies go out and AI jobs wait in the queue, the fault strikes. */
  async function midRun(fault: () => Promise<void>): Promise<Outcome> {
    const stack = faults();
    const start = stack.twilio.accepted.length;
    const run = deliverAll(stack, stack.newCustomers(60), { spacingMs: 50 });
    await eventually(() => stack.twilio.accepted.length >= start + 5, 'the first replies', 60_000);
    await eventually(async () => (await jobsWaiting(stack, QUEUES.processAiResponse)) >= 5, 'AI jobs waiting', 60_000);
    await fault();
    return settle(stack, await run);
  }

  it('answers every message exactly once when Redis restarts with its data (append-only file) mid-run', async () => {
    expectExactlyOneReplyEach('Redis restarted with its data', await midRun(() => faults().redis.restart('kept')));
  }, 120_000);

  it('answers every accepted message exactly once when Redis is killed mid-run and comes back empty', async () => {
    expectExactlyOneReplyEach('Redis killed, restarted empty', await midRun(() => faults().redis.restart('lost')));
  }, 120_000);

  it('answers every message exactly once across a fast PostgreSQL restart and a crash with a short outage', async () => {
    const outcome = await midRun(async () => {
      const { postgres, twilio } = faults();
      await postgres.restart('fast');
      const replies = twilio.accepted.length;
      await eventually(() => twilio.accepted.length >= replies + 10, 'replies after the restart', 60_000);
      await postgres.down('immediate');
      await pause(2000);
      await postgres.up();
    });
    expectExactlyOneReplyEach('PostgreSQL restarted (fast, then immediate with 2 s down)', outcome);
  }, 120_000);

  it('answers webhooks at once while Redis is down, and every one of them exactly once when it is back', async () => {
    const stack = faults();
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
});
