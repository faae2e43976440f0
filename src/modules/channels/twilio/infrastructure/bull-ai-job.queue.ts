import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { enqueueOrLeaveToReconciler } from '@core/queue/bounded-redis';
import { JOB_IDS, ProcessAiResponseJob, QUEUES } from '@core/queue/queue-names';
import { AiJobQueue, BurstWindow } from '../application/ports/ai-job-queue.port';

/** Opens the window if none is open (Redis's clock) and returns how long it still runs, in ms. */
const WINDOW_REMAINING = `
redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1])
return redis.call('PTTL', KEYS[1])`;

/**
 * One delayed job per inbound message, due when its burst window closes: the jobs of one burst all
 * come due together, and the first to run answers the whole burst (the others find their message
 * answered). Delayed jobs live in Redis, so a worker restart loses none. While Redis cannot take the
 * job, the message (already in PostgreSQL) is left to the reconciler: the webhook never waits for Redis.
 */
@Injectable()
export class BullAiJobQueue extends AiJobQueue {
  private readonly logger = new Logger(BullAiJobQueue.name);

  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue<ProcessAiResponseJob>,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async enqueue(job: ProcessAiResponseJob, burst?: BurstWindow): Promise<void> {
    await enqueueOrLeaveToReconciler(this.queue.client, this.config.QUEUE_ENQUEUE_TIMEOUT_MS, this.logger, { messageId: job.inboundMessageId, queue: QUEUES.processAiResponse }, async () => {
      const delay = burst && burst.windowMs > 0 ? await this.windowRemaining(burst) : 0;
      await this.queue.add(job, { jobId: JOB_IDS.answer(job.inboundMessageId), ...(delay > 0 ? { delay } : {}) });
    });
  }

  private async windowRemaining(burst: BurstWindow): Promise<number> {
    const key = `${this.config.QUEUE_PREFIX}:ai:burst:${burst.key}`;
    return Math.max(0, Number(await this.queue.client.eval(WINDOW_REMAINING, 1, key, Math.floor(burst.windowMs))));
  }
}
