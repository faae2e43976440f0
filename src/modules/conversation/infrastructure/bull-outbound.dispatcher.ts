import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUES, SendWhatsappMessageJob } from '@core/queue/queue-names';
import { OutboundDispatcher } from '../application/ports/outbound-dispatcher.port';

@Injectable()
export class BullOutboundDispatcher extends OutboundDispatcher {
  constructor(@InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue<SendWhatsappMessageJob>) {
    super();
  }

  async dispatch(job: SendWhatsappMessageJob): Promise<void> {
    // The job id makes a repeated dispatch of the same message a no-op.
    await this.queue.add(job, { jobId: `send:${job.messageId}` });
  }
}
