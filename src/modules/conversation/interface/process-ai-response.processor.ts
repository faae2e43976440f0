import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { ProcessAiResponseJob, QUEUES } from '@core/queue/queue-names';
import { AnswerInboundMessage } from '../application/answer-inbound-message.use-case';

@Processor(QUEUES.processAiResponse)
export class ProcessAiResponseProcessor {
  constructor(private readonly answer: AnswerInboundMessage) {}

  @Process({ concurrency: 8 })
  handle(job: Job<ProcessAiResponseJob>): Promise<void> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const isFirstAttempt = job.attemptsMade === 0;
    return withJobContext(job.data, () => this.answer.execute({ ...job.data, isLastAttempt, isFirstAttempt }));
  }
}
