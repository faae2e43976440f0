import Bull from 'bull';
import { QUEUES } from '../../src/core/queue/queue-names';
import { eventually } from './test-app';

/** The queues a message's work goes through, in the order one hands work to the next. */
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
   * Waits until no message queue has a waiting, active or delayed job: everything set off so far
   * has run, so what did not happen by now will not happen (instead of sleeping to prove it).
   */
  async quiet(): Promise<void> {
    await eventually(async () => {
      for (const name of MESSAGE_QUEUES) {
        const counts = await this.get(name).getJobCounts();
        if (counts.waiting + counts.active + counts.delayed > 0) return false;
      }
      return true;
    }, 'the message queues to be quiet');
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
