import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { enqueueOrLeaveToReconciler } from '@core/queue/bounded-redis';
import { JOB_IDS, QUEUES, TranscribeAudioJob } from '@core/queue/queue-names';
import { TranscriptionQueue } from '../application/ports/transcription-queue.port';

/** While Redis cannot take the job, the voice note (already in PostgreSQL) is left to the reconciler. */
@Injectable()
export class BullTranscriptionQueue extends TranscriptionQueue {
  private readonly logger = new Logger(BullTranscriptionQueue.name);

  constructor(
    @InjectQueue(QUEUES.transcribeAudio) private readonly queue: Queue<TranscribeAudioJob>,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async enqueue(job: TranscribeAudioJob): Promise<void> {
    await enqueueOrLeaveToReconciler(this.queue.client, this.config.QUEUE_ENQUEUE_TIMEOUT_MS, this.logger, { messageId: job.inboundMessageId, queue: QUEUES.transcribeAudio }, () =>
      this.queue.add(job, { jobId: JOB_IDS.transcribe(job.inboundMessageId) }),
    );
  }
}
