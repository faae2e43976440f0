import { Injectable } from '@nestjs/common';
import OpenAI, { toFile } from 'openai';
import { AppConfig } from '@core/config/app-config';
import { AudioToTranscribe, Transcriber } from '../application/ports/transcriber.port';

/** Whisper (or any OpenAI-compatible /audio/transcriptions endpoint at OPENAI_BASE_URL), a multipart upload. */
@Injectable()
export class OpenAiWhisperTranscriber extends Transcriber {
  private readonly client: OpenAI | null;

  constructor(private readonly config: AppConfig) {
    super();
    this.client = config.OPENAI_API_KEY
      ? new OpenAI({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL || undefined,
          timeout: config.TRANSCRIPTION_TIMEOUT_MS,
          // The transcribe_audio job retries with backoff; the SDK must not multiply the attempts.
          maxRetries: 0,
        })
      : null;
  }

  isAvailable(): boolean {
    return this.client !== null;
  }

  async transcribe(audio: AudioToTranscribe): Promise<string> {
    if (!this.client) throw new Error('no transcription provider: OPENAI_API_KEY is not set');
    const file = await toFile(audio.bytes, audio.fileName, { type: audio.contentType });
    const result = await this.client.audio.transcriptions.create({ file, model: this.config.TRANSCRIPTION_MODEL });
    return result.text;
  }
}
