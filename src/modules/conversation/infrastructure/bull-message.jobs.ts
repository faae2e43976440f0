import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { JOB_IDS, ProcessAiResponseJob, QUEUES, SendWhatsappMessageJob, TranscribeAudioJob } from '@core/queue/queue-names';
import { redriveJob } from '@core/queue/redrive-job';
import { MessageJobKind, MessageJobs, RedriveOutcome } from '../application/ports/message-jobs.port';

/** The three queues a message's work goes through, under the job ids their producers use (JOB_IDS). */
@Injectable()
export class BullMessageJobs extends MessageJobs {
  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly answers: Queue<ProcessAiResponseJob>,
    @InjectQueue(QUEUES.transcribeAudio) private readonly transcriptions: Queue<TranscribeAudioJob>,
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly sends: Queue<SendWhatsappMessageJob>,
  ) {
    super();
  }

  redrive(kind: MessageJobKind, { tenantId, messageId, correlationId }: { tenantId: string; messageId: string; correlationId: string }): Promise<RedriveOutcome> {
    switch (kind) {
      case 'answer':
        return redriveJob(this.answers, JOB_IDS.answer(messageId), { tenantId, inboundMessageId: messageId, correlationId });
      case 'transcribe':
        return redriveJob(this.transcriptions, JOB_IDS.transcribe(messageId), { tenantId, inboundMessageId: messageId, correlationId });
      case 'send':
        return redriveJob(this.sends, JOB_IDS.send(messageId), { tenantId, messageId, correlationId });
    }
  }

  available(): boolean {
    return [this.answers, this.transcriptions, this.sends].every((queue) => queue.client.status === 'ready');
  }
}
