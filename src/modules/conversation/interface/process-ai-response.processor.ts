import { InjectQueue, Process, Processor } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { JOB_IDS, JobContinuation, ProcessAiResponseJob, QUEUES } from '@core/queue/queue-names';
import { AnswerInboundMessage } from '../application/answer-inbound-message.use-case';

/** How long a job waits before trying a conversation another run holds; the wait is a delayed job, not a busy worker. */
const BUSY_RETRY_MS = 300;

@Processor(QUEUES.processAiResponse)
export class ProcessAiResponseProcessor {
  constructor(
    private readonly answer: AnswerInboundMessage,
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue<ProcessAiResponseJob>,
  ) {}

  @Process({ concurrency: 8 })
  handle(job: Job<ProcessAiResponseJob>): Promise<JobContinuation | undefined> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const isFirstAttempt = job.attemptsMade === 0;
    return withJobContext(job.data, async () => {
      const outcome = await this.answer.execute({ ...job.data, isLastAttempt, isFirstAttempt });
      return outcome === 'busy' ? this.waitForTheConversation(job.data) : undefined;
    });
  }

  /** Kept in Redis as a delayed job, so a worker restart loses nothing; returned so the reconciler sees the message still has a job. */
  private async waitForTheConversation(data: ProcessAiResponseJob): Promise<JobContinuation> {
    const waits = (data.waits ?? 0) + 1;
    const continuedAs = `${JOB_IDS.answer(data.inboundMessageId)}:wait:${waits}`;
    await this.queue.add({ ...data, waits }, { jobId: continuedAs, delay: BUSY_RETRY_MS });
    return { continuedAs };
  }
}
