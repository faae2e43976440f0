import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { ScopedDb } from '@core/database/scoped-db';
import { QUEUES, SendWhatsappMessageJob } from '@core/queue/queue-names';
import { OutboundDispatcher } from '../application/ports/outbound-dispatcher.port';

@Injectable()
export class BullOutboundDispatcher extends OutboundDispatcher {
  constructor(
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue<SendWhatsappMessageJob>,
    private readonly db: ScopedDb,
  ) {
    super();
  }

  async dispatch(job: SendWhatsappMessageJob): Promise<void> {
    // The job id makes a repeated dispatch of the same message a no-op. After the commit: the
    // sender reads the message row, which an audited request's transaction may still hold.
    await this.db.afterCommit(() => this.queue.add(job, { jobId: `send:${job.messageId}` }));
  }
}
