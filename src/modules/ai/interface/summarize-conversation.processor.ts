import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { QUEUES, SummarizeConversationJob } from '@core/queue/queue-names';
import { ConversationNotFoundError } from '@modules/conversation/domain/conversation.errors';
import { SummarizeConversation } from '../application/memory/summarize-conversation.use-case';

@Processor(QUEUES.summarizeConversation)
export class SummarizeConversationProcessor {
  private readonly logger = new Logger(SummarizeConversationProcessor.name);

  constructor(private readonly summarize: SummarizeConversation) {}

  @Process({ concurrency: 4 })
  handle(job: Job<SummarizeConversationJob>): Promise<void> {
    return withJobContext(job.data, async () => {
      try {
        const { created } = await this.summarize.execute(job.data.tenantId, job.data.conversationId);
        this.logger.log({ conversationId: job.data.conversationId, created }, 'closed conversation summarized');
      } catch (error) {
        // Erased meanwhile (contact erasure): nothing left to summarize, and retrying will not change that.
        if (!(error instanceof ConversationNotFoundError)) throw error;
        this.logger.warn({ conversationId: job.data.conversationId }, 'conversation gone before its summary; job dropped');
      }
    });
  }
}
