export interface AudioToTranscribe {
  bytes: Buffer;
  contentType: string;
  /** With the extension of the format: services tell the format by it. */
  fileName: string;
}

/**
 * Speech to text (an OpenAI-compatible /audio/transcriptions endpoint). Only the audio and the model
 * name are sent, no prompt: a prompt added here would be the tenant's text and must be masked like
 * every other text sent to a provider when the tenant masks personal data (redactPii in core/privacy).
 */
export abstract class Transcriber {
  /** False offline (no OPENAI_API_KEY): voice notes go straight to the tenant's fallback. */
  abstract isAvailable(): boolean;
  abstract transcribe(audio: AudioToTranscribe): Promise<string>;
}
