import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { QUEUES, SendWhatsappMessageJob } from '@core/queue/queue-names';
import { SendWhatsappMessage } from '../application/send-whatsapp-message.use-case';

@Processor(QUEUES.sendWhatsappMessage)
export class SendWhatsappMessageProcessor {
  constructor(private readonly send: SendWhatsappMessage) {}

  @Process({ concurrency: 16 })
  handle(job: Job<SendWhatsappMessageJob>): Promise<void> {
    const mayRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    return withJobContext(job.data, () => this.send.execute({ tenantId: job.data.tenantId, messageId: job.data.messageId, mayRetry }));
  }
}
