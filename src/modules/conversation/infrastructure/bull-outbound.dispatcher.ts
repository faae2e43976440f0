import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { ScopedDb } from '@core/database/scoped-db';
import { enqueueOrLeaveToReconciler } from '@core/queue/bounded-redis';
import { JOB_IDS, QUEUES, SendWhatsappMessageJob } from '@core/queue/queue-names';
import { OutboundDispatcher } from '../application/ports/outbound-dispatcher.port';

@Injectable()
export class BullOutboundDispatcher extends OutboundDispatcher {
  private readonly logger = new Logger(BullOutboundDispatcher.name);

  constructor(
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue<SendWhatsappMessageJob>,
    private readonly config: AppConfig,
    private readonly db: ScopedDb,
  ) {
    super();
  }

  async dispatch(job: SendWhatsappMessageJob): Promise<void> {
    // The job id makes a repeated dispatch of the same message a no-op; the message is stored
    // 'pending', so while Redis cannot take the job the reconciler sends it later. After the commit:
    // the sender reads the message row, which an audited request's transaction may still hold.
    await this.db.afterCommit(() =>
      enqueueOrLeaveToReconciler(this.queue.client, this.config.QUEUE_ENQUEUE_TIMEOUT_MS, this.logger, { messageId: job.messageId, queue: QUEUES.sendWhatsappMessage }, () =>
        this.queue.add(job, { jobId: JOB_IDS.send(job.messageId) }),
      ),
    );
  }
}
