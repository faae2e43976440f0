import { deliverDuring, expectExactlyOneReplyEach, settle } from '../support/fault-run';
import { FaultStack } from '../support/fault-stack';
import { eventually } from '../support/test-app';

/**
 * Worker processes killed with kill -9 (no shutdown, no job released) while they work, and
 * started again: their jobs must come back, and nothing may reach a customer twice. The built
 * service runs as an api process and two worker processes on PostgreSQL and Redis of their own.
 */
describe('faults: worker processes killed with kill -9 mid-run', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start('worker_kills', { openai: true });
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  /** Kills worker 1, then 2, then 1 again, each time once `busy` holds, and starts it again. */
  async function killWorkersWhile(busy: () => boolean, what: string): Promise<void> {
    for (const victim of [0, 1, 0]) {
      await eventually(busy, what, 60_000);
      await stack.workers[victim].kill9();
      await stack.workers[victim].start();
    }
  }

  it('answers every message exactly once when workers are killed during AI runs and restarted', async () => {
    const openai = stack.openai!;
    openai.chatDelayMs = 400;
    const deliveries = await deliverDuring(stack, killWorkersWhile(() => openai.chatsInProgress >= 3, 'AI runs in flight'), { spacingMs: 100, max: 300 });
    openai.chatDelayMs = 0;
    expectExactlyOneReplyEach('worker kill -9 x3 during AI runs', await settle(stack, deliveries, { within: 120_000 }));
  }, 240_000);

  it('sends no reply twice when workers are killed while their sends to Twilio are in flight', async () => {
    stack.openai!.chatDelayMs = 0;
    stack.twilio.acceptDelayMs = 300;
    const deliveries = await deliverDuring(stack, killWorkersWhile(() => stack.twilio.sendsInProgress >= 4, 'sends in flight'), { spacingMs: 60, max: 300 });
    stack.twilio.acceptDelayMs = 0;
    expectExactlyOneReplyEach('worker kill -9 x3 during sends (Twilio 300 ms a send)', await settle(stack, deliveries, { within: 120_000 }));
  }, 240_000);
});
