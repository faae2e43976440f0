import { newMessageSid } from '../support/api-client';
import { deliver, deliverAll, deliverDuring, expectExactlyOneReplyEach, settle } from '../support/fault-run';
import { faultStackFor } from '../support/fault-stack';
import { eventually } from '../support/test-app';

/**
 * Faults of the providers around the service: the LLM failing and hanging, Twilio refusing sends
 * or accepting them without answering in time, and Twilio delivering one webhook several times at once.
 * The built service runs as an api process and two worker processes on PostgreSQL and Redis of their own.
 */
describe('faults: LLM and Twilio storms, concurrent webhook retries, uncertain sends', () => {
  const faults = faultStackFor('providers', { openai: true });

  it('answers each customer exactly once (the reply or the one polite fallback) while the LLM answers 500s and then times out', async () => {
    const stack = faults();
    const openai = stack.openai!;
    const before = openai.completions.length;
    openai.failWith = 500;
    // Customers keep writing until the LLM has refused 8 calls (an open breaker lets few through).
    const refusals = eventually(() => openai.completions.length - before >= 8, 'the LLM to refuse 8 calls', 30_000);
    const first = deliverDuring(stack, refusals, { spacingMs: 100, max: 40 });
    await refusals;
    // Now it hangs beyond AI_LLM_TIMEOUT_MS instead, for customers who write only now (the first ones
    // may all be answered already, and a breaker that opened lets a call through only after its cooldown).
    openai.failWith = null;
    openai.chatDelayMs = 1500;
    const hanging = openai.completions.length;
    const hangs = eventually(() => openai.completions.length - hanging >= 3, 'the LLM to leave 3 calls unanswered in time', 30_000);
    const second = deliverDuring(stack, hangs, { spacingMs: 200, max: 40 });
    await hangs;
    openai.chatDelayMs = 0;
    expectExactlyOneReplyEach('LLM 500 and timeout storm', await settle(stack, [...(await first), ...(await second)]));
  }, 120_000);

  it('delivers exactly one reply to each customer while Twilio answers sends with 429 (Retry-After) and 500', async () => {
    const stack = faults();
    stack.twilio.failNext(429, { times: 20, retryAfterSeconds: 1 });
    stack.twilio.failNext(500, { times: 20 });
    const outcome = await settle(stack, await deliverAll(stack, stack.newCustomers(40), { spacingMs: 20 }));
    expect(stack.twilio.refused.length).toBeGreaterThanOrEqual(40);
    expectExactlyOneReplyEach('Twilio 429/500 storm', outcome);
  }, 120_000);

  it('stores and answers once a message that Twilio delivers five times at the same moment', async () => {
    const stack = faults();
    const customers = stack.newCustomers(20);
    const deliveries = await Promise.all(
      customers.flatMap((customer) => {
        const sid = newMessageSid();
        return Array.from({ length: 5 }, () => deliver(stack, customer, { sid }));
      }),
    );
    expect(deliveries.filter((d) => d.attempts[0] !== '200')).toEqual([]);
    const outcome = await settle(stack, deliveries);
    const stored = await stack.query<{ from_address: string; copies: number }>(
      `SELECT from_address, count(*)::int AS copies FROM messages WHERE direction = 'inbound' AND from_address = ANY($1) GROUP BY from_address`,
      [customers.map((c) => `whatsapp:${c}`)],
    );
    expect(stored.filter((row) => row.copies !== 1)).toEqual([]);
    expect(stored).toHaveLength(customers.length);
    expectExactlyOneReplyEach('5x concurrent retries of one MessageSid', outcome);
  }, 120_000);

  it('reaches each customer exactly once when Twilio accepts sends but answers only after the client gave up', async () => {
    const stack = faults();
    // Longer than the SDK's own 15 s as well, so a client that ignores TWILIO_REQUEST_TIMEOUT_MS gives up too.
    stack.twilio.answerLate(16_000, { times: 10 });
    const outcome = await settle(stack, await deliverAll(stack, stack.newCustomers(10)), { within: 40_000 });
    expectExactlyOneReplyEach('uncertain sends (accepted, answered after the timeout)', outcome);
  }, 120_000);
});
