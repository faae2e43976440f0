import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { ProcessAiResponseJob, QUEUES } from '@core/queue/queue-names';
import { AiJobQueue } from '../application/ports/ai-job-queue.port';

@Injectable()
export class BullAiJobQueue extends AiJobQueue {
  constructor(@InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue<ProcessAiResponseJob>) {
    super();
  }

  async enqueue(job: ProcessAiResponseJob): Promise<void> {
    await this.queue.add(job, { jobId: `ai:${job.inboundMessageId}` });
  }
}
