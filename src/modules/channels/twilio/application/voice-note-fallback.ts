import { Injectable, Logger } from '@nestjs/common';
import { AnswerUnreadableAudio, UnreadableAudioOutcome } from '@modules/conversation/application/answer-unreadable-audio.use-case';
import { VOICE_NOTE_NOT_UNDERSTOOD } from '../domain/voice-note';
import { ChannelSettingsQueries } from './channel-settings-queries';

export interface UnreadableVoiceNote {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
  /** Why it could not be transcribed, for the log. */
  reason: string;
}

/** The tenant's audio_fallback: ask the customer to type (once per conversation), or hand the chat to a person. */
@Injectable()
export class VoiceNoteFallback {
  private readonly logger = new Logger(VoiceNoteFallback.name);

  constructor(
    private readonly settings: ChannelSettingsQueries,
    private readonly answer: AnswerUnreadableAudio,
  ) {}

  async apply(note: UnreadableVoiceNote): Promise<UnreadableAudioOutcome> {
    const { audioFallback } = await this.settings.forTenant(note.tenantId);
    const outcome = await this.answer.execute({
      tenantId: note.tenantId,
      inboundMessageId: note.inboundMessageId,
      correlationId: note.correlationId,
      fallback: audioFallback,
      notice: VOICE_NOTE_NOT_UNDERSTOOD,
    });
    this.logger.warn({ messageId: note.inboundMessageId, reason: note.reason, fallback: audioFallback, outcome }, 'voice note not transcribed');
    return outcome;
  }
}
