import { Injectable } from '@nestjs/common';
import { InboundTranscripts } from '@modules/conversation/application/inbound-transcripts';
import type { Message, MessageMedia } from '@modules/conversation/domain/message';
import { audioFileName, kindOfMedia } from '../domain/media-description';
import { isPermanentMediaFailure } from '../domain/voice-note';
import { MediaDownloader } from './media-downloader';
import { AiJobQueue } from './ports/ai-job-queue.port';
import { Transcriber } from './ports/transcriber.port';
import { VoiceNoteFallback } from './voice-note-fallback';

export interface TranscribeVoiceNoteCommand {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** On the job's last attempt a failure goes to the tenant's fallback instead of a retry. */
  isLastAttempt: boolean;
}

export type TranscriptionOutcome = 'transcribed' | 'fallback' | 'skipped';

/**
 * The transcribe_audio job: download the voice note, transcribe it, store the transcript as the
 * body the AI reads and hand the message to the AI. Offline, or when it keeps failing, the
 * tenant's fallback answers instead; a voice note is never left without an answer.
 */
@Injectable()
export class TranscribeVoiceNote {
  constructor(
    private readonly transcripts: InboundTranscripts,
    private readonly downloader: MediaDownloader,
    private readonly transcriber: Transcriber,
    private readonly aiJobs: AiJobQueue,
    private readonly fallback: VoiceNoteFallback,
  ) {}

  async execute(command: TranscribeVoiceNoteCommand): Promise<TranscriptionOutcome> {
    const message = await this.transcripts.find(command.tenantId, command.inboundMessageId);
    if (!message || message.processedAt) return 'skipped';
    // A retry after the transcript was stored: only the hand-over to the AI may be missing.
    if (message.transcript) return this.handToAi(command);
    const audio = (message.media ?? []).find((item) => kindOfMedia(item.contentType) === 'audio');
    if (!audio) return this.giveUp(command, 'no audio attachment');
    if (!this.transcriber.isAvailable()) return this.giveUp(command, 'no transcription provider (offline)');
    try {
      return await this.transcribe(command, message, audio);
    } catch (error) {
      if (isPermanentMediaFailure(error) || command.isLastAttempt) return this.giveUp(command, (error as Error).message);
      throw error;
    }
  }

  private async transcribe(command: TranscribeVoiceNoteCommand, message: Message, audio: MessageMedia): Promise<TranscriptionOutcome> {
    const file = await this.downloader.download(command.tenantId, message.whatsappNumberId, audio.url);
    const contentType = audio.contentType || file.contentType;
    const transcript = (await this.transcriber.transcribe({ bytes: file.bytes, contentType, fileName: audioFileName(contentType) })).trim();
    if (!transcript) return this.giveUp(command, 'the transcript is empty');
    const media = (message.media ?? []).map((item) => (item === audio ? { ...item, size: file.bytes.length } : item));
    await this.transcripts.save(command.tenantId, message.id, transcript, media);
    return this.handToAi(command);
  }

  private async handToAi(command: TranscribeVoiceNoteCommand): Promise<TranscriptionOutcome> {
    await this.aiJobs.enqueue({ tenantId: command.tenantId, inboundMessageId: command.inboundMessageId, correlationId: command.correlationId });
    return 'transcribed';
  }

  private async giveUp(command: TranscribeVoiceNoteCommand, reason: string): Promise<TranscriptionOutcome> {
    await this.fallback.apply({ tenantId: command.tenantId, inboundMessageId: command.inboundMessageId, correlationId: command.correlationId, reason });
    return 'fallback';
  }
}
