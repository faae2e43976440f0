import { InjectQueue, Process, Processor } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { JOB_IDS, JobContinuation, QUEUES, SendWhatsappMessageJob } from '@core/queue/queue-names';
import { TwilioSendError } from '../application/ports/twilio-messaging.port';
import { SendDeferred } from '../application/send-attempts';
import { SendWhatsappMessage } from '../application/send-whatsapp-message.use-case';

@Processor(QUEUES.sendWhatsappMessage)
export class SendWhatsappMessageProcessor {
  constructor(
    private readonly send: SendWhatsappMessage,
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue<SendWhatsappMessageJob>,
  ) {}

  @Process({ concurrency: 16 })
  async handle(job: Job<SendWhatsappMessageJob>): Promise<JobContinuation | undefined> {
    const mayRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    try {
      await withJobContext(job.data, () => this.send.execute({ tenantId: job.data.tenantId, messageId: job.data.messageId, mayRetry }));
      return undefined;
    } catch (error) {
      const delay = error instanceof SendDeferred ? error.delayMs : error instanceof TwilioSendError ? error.retryAfterMs : undefined;
      if (delay === undefined) throw error;
      // Twilio said when to come back, or an earlier send is resolved only later: the message waits in a
      // new delayed job, so the wait is not a failed attempt (returned: the reconciler sees that the
      // message still has a job).
      const continuedAs = `${JOB_IDS.send(job.data.messageId)}:later:${Date.now()}`;
      await this.queue.add(job.data, { jobId: continuedAs, delay });
      return { continuedAs };
    }
  }
}
