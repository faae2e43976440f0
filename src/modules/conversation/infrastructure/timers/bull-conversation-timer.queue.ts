import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { ScopedDb } from '@core/database/scoped-db';
import { CONVERSATION_TIMER_JOBS, QUEUES, UnclaimedNoticeJob } from '@core/queue/queue-names';
import { ConversationTimerQueue, UnclaimedNoticeTimer } from '../../application/ports/conversation-timer-queue.port';

@Injectable()
export class BullConversationTimerQueue extends ConversationTimerQueue {
  constructor(
    @InjectQueue(QUEUES.conversationTimers) private readonly queue: Queue,
    private readonly db: ScopedDb,
  ) {
    super();
  }

  async scheduleUnclaimedNotice(timer: UnclaimedNoticeTimer, delayMs: number): Promise<void> {
    const handoffAt = timer.handoffAt.getTime();
    const job: UnclaimedNoticeJob = { tenantId: timer.tenantId, correlationId: timer.correlationId, conversationId: timer.conversationId, handoffAt };
    // The job id makes scheduling the same handoff twice a no-op; after the commit of the handoff it is about.
    await this.db.afterCommit(() => this.queue.add(CONVERSATION_TIMER_JOBS.unclaimedNotice, job, { jobId: `unclaimed:${timer.conversationId}:${handoffAt}`, delay: delayMs }));
  }
}
