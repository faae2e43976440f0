import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUES, TranscribeAudioJob } from '@core/queue/queue-names';
import { TranscriptionQueue } from '../application/ports/transcription-queue.port';

@Injectable()
export class BullTranscriptionQueue extends TranscriptionQueue {
  constructor(@InjectQueue(QUEUES.transcribeAudio) private readonly queue: Queue<TranscribeAudioJob>) {
    super();
  }

  async enqueue(job: TranscribeAudioJob): Promise<void> {
    await this.queue.add(job, { jobId: `transcribe:${job.inboundMessageId}` });
  }
}
