import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { CONVERSATION_TIMER_JOBS, QUEUES, UnclaimedNoticeJob } from '@core/queue/queue-names';
import { SendUnclaimedNotice } from '../../application/timers/send-unclaimed-notice.use-case';
import { SweepInactiveConversations } from '../../application/timers/sweep-inactive-conversations.use-case';

@Processor(QUEUES.conversationTimers)
export class ConversationTimersProcessor {
  constructor(
    private readonly unclaimedNotice: SendUnclaimedNotice,
    private readonly sweep: SweepInactiveConversations,
  ) {}

  @Process({ name: CONVERSATION_TIMER_JOBS.unclaimedNotice, concurrency: 4 })
  async notifyUnclaimed(job: Job<UnclaimedNoticeJob>): Promise<void> {
    const { handoffAt, ...timer } = job.data;
    await withJobContext(job.data, () => this.unclaimedNotice.execute({ ...timer, handoffAt: new Date(handoffAt) }));
  }

  @Process({ name: CONVERSATION_TIMER_JOBS.inactivitySweep })
  async sweepInactive(): Promise<void> {
    await this.sweep.execute();
  }
}
