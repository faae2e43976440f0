import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { CONVERSATION_TIMER_JOBS, InactivitySweepJob, QUEUES } from '@core/queue/queue-names';

const SWEEP_JOB_ID = 'inactivity-sweep';

/**
 * Registers the inactivity sweep as a repeatable job when a worker starts. Bull keeps repeatable
 * jobs in Redis under a key made of the name, job id and interval, so every worker process and
 * every restart registers the same single schedule; a schedule left by an earlier interval is removed.
 */
@Injectable()
export class InactivitySweepScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(InactivitySweepScheduler.name);

  constructor(
    @InjectQueue(QUEUES.conversationTimers) private readonly queue: Queue<InactivitySweepJob>,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.CONVERSATION_SWEEP_INTERVAL_MS;
    for (const stale of await this.queue.getRepeatableJobs()) {
      if (stale.name === CONVERSATION_TIMER_JOBS.inactivitySweep && Number(stale.every) !== every) await this.queue.removeRepeatableByKey(stale.key);
    }
    await this.queue.add(CONVERSATION_TIMER_JOBS.inactivitySweep, {}, {
      jobId: SWEEP_JOB_ID,
      repeat: { every },
      // The next sweep retries whatever this one missed; finished sweeps need no keeping.
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: 100,
    });
    this.logger.log({ everyMs: every }, 'inactivity sweep scheduled');
  }
}
