import Bull from 'bull';
import { QUEUES } from '@core/queue/queue-names';
import { REDIS_TEST_URL } from './test-env';

/** The queues a customer's message passes through (the timers' queue always holds its repeatable sweep). */
const MESSAGE_QUEUES = [QUEUES.processAiResponse, QUEUES.transcribeAudio, QUEUES.sendWhatsappMessage];

/**
 * Waits until no job of the message path is waiting, active or delayed, twice in a row: whatever
 * the app was going to send has been sent. Then "nothing more happened" can be asserted.
 */
export async function queuesQuiet(prefix: string, timeoutMs = 30_000): Promise<void> {
  const queues = MESSAGE_QUEUES.map((name) => new Bull(name, REDIS_TEST_URL, { prefix }));
  try {
    const deadline = Date.now() + timeoutMs;
    let quietChecks = 0;
    while (quietChecks < 2) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the message queues to be quiet');
      const counts = await Promise.all(queues.map((q) => q.getJobCounts()));
      quietChecks = counts.every((c) => c.waiting + c.active + c.delayed === 0) ? quietChecks + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
