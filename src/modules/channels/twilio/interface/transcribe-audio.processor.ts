import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { withJobContext } from '@core/queue/job-context';
import { QUEUES, TranscribeAudioJob } from '@core/queue/queue-names';
import { TranscribeVoiceNote } from '../application/transcribe-voice-note.use-case';

@Processor(QUEUES.transcribeAudio)
export class TranscribeAudioProcessor {
  constructor(private readonly transcribe: TranscribeVoiceNote) {}

  @Process({ concurrency: 4 })
  async handle(job: Job<TranscribeAudioJob>): Promise<void> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await withJobContext(job.data, () => this.transcribe.execute({ ...job.data, isLastAttempt }));
  }
}
