import { deliverDuring, expectExactlyOneReplyEach, settle } from '../support/fault-run';
import { FaultStack, faultStackFor } from '../support/fault-stack';
import { eventually } from '../support/test-app';

/**
 * Worker processes killed with kill -9 (no shutdown, no job released) while they work, and
 * started again: their jobs must come back, and nothing may reach a customer twice. The built
 * service runs as an api process and two worker processes on PostgreSQL and Redis of their own.
 */
describe('faults: worker processes killed with kill -9 mid-run', () => {
  const faults = faultStackFor('worker_kills', { openai: true });

  /** Kills worker 1, then 2, then 1 again, each time once `busy` holds, and starts it again. */
  async function killWorkersWhile(stack: FaultStack, busy: () => boolean, what: string): Promise<void> {
    for (const victim of [0, 1, 0]) {
      await eventually(busy, what, 60_000);
      await stack.workers[victim].kill9();
      await stack.workers[victim].start();
    }
  }

  it('answers every message exactly once when workers are killed during AI runs and restarted', async () => {
    const stack = faults();
    const openai = stack.openai!;
    openai.chatDelayMs = 400;
    const kills = killWorkersWhile(stack, () => openai.chatsInProgress >= 3, 'AI runs in flight');
    const deliveries = await deliverDuring(stack, kills, { spacingMs: 100, max: 300 });
    openai.chatDelayMs = 0;
    expectExactlyOneReplyEach('worker kill -9 x3 during AI runs', await settle(stack, deliveries, { within: 120_000 }));
  }, 240_000);

  it('sends no reply twice when workers are killed while their sends to Twilio are in flight', async () => {
    const stack = faults();
    stack.twilio.acceptDelayMs = 300;
    const kills = killWorkersWhile(stack, () => stack.twilio.sendsInProgress >= 4, 'sends in flight');
    const deliveries = await deliverDuring(stack, kills, { spacingMs: 60, max: 300 });
    stack.twilio.acceptDelayMs = 0;
    expectExactlyOneReplyEach('worker kill -9 x3 during sends (Twilio 300 ms a send)', await settle(stack, deliveries, { within: 120_000 }));
  }, 240_000);
});
