import { InjectQueue, Process, Processor } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { ProcessAiResponseJob, QUEUES } from '@core/queue/queue-names';
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
  handle(job: Job<ProcessAiResponseJob>): Promise<void> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const isFirstAttempt = job.attemptsMade === 0;
    return withJobContext(job.data, async () => {
      const outcome = await this.answer.execute({ ...job.data, isLastAttempt, isFirstAttempt });
      if (outcome === 'busy') await this.waitForTheConversation(job.data);
    });
  }

  /** Kept in Redis as a delayed job, so a worker restart loses nothing. */
  private async waitForTheConversation(data: ProcessAiResponseJob): Promise<void> {
    const waits = (data.waits ?? 0) + 1;
    await this.queue.add({ ...data, waits }, { jobId: `ai:${data.inboundMessageId}:wait:${waits}`, delay: BUSY_RETRY_MS });
  }
}
