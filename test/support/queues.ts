import Bull from 'bull';
import { QUEUES } from '../../src/core/queue/queue-names';
import { REDIS_TEST_URL } from './test-env';
import { eventually } from './test-app';

/** The queues a message's work goes through, in the order one hands work to the next (the timers' queue always holds its repeatable sweep). */
const MESSAGE_QUEUES = [QUEUES.transcribeAudio, QUEUES.processAiResponse, QUEUES.sendWhatsappMessage] as const;

/** The app's message queues as the test sees them (same Redis and prefix). */
export class TestQueues {
  private readonly queues = new Map<string, Bull.Queue>();

  constructor(private readonly redis: { url: string; prefix: string }) {}

  get(name: string): Bull.Queue {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = new Bull(name, this.redis.url, { prefix: this.redis.prefix })));
    return queue;
  }

  /**
   * Waits until no message queue has a waiting, active or delayed job, twice in a row (a job that
   * hands work to the next queue is never seen between the two): everything set off so far has run,
   * so what did not happen by now will not happen (instead of sleeping to prove it).
   */
  async quiet(timeoutMs = 30_000): Promise<void> {
    let quietChecks = 0;
    await eventually(async () => {
      quietChecks = (await this.idle()) ? quietChecks + 1 : 0;
      return quietChecks >= 2;
    }, 'the message queues to be quiet', timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private async idle(): Promise<boolean> {
    for (const name of MESSAGE_QUEUES) {
      const counts = await this.get(name).getJobCounts();
      if (counts.waiting + counts.active + counts.delayed > 0) return false;
    }
    return true;
  }
}

/** One-off form of TestQueues.quiet for a test that has only the Redis key prefix at hand. */
export async function queuesQuiet(prefix: string, timeoutMs = 30_000): Promise<void> {
  const queues = new TestQueues({ url: REDIS_TEST_URL, prefix });
  try {
    await queues.quiet(timeoutMs);
  } finally {
    await queues.close();
  }
}
