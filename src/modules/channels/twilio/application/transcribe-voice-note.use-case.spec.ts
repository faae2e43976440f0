import type { InboundTranscripts } from '@modules/conversation/application/inbound-transcripts';
import type { Message, MessageMedia } from '@modules/conversation/domain/message';
import { strict } from '@test/support/strict-fake';
import { MediaRefusedError, MediaTooLargeError } from '../domain/voice-note';
import type { MediaDownloader } from './media-downloader';
import type { AiJobQueue } from './ports/ai-job-queue.port';
import type { AudioToTranscribe, Transcriber } from './ports/transcriber.port';
import { TranscribeVoiceNote, TranscribeVoiceNoteCommand } from './transcribe-voice-note.use-case';
import type { UnreadableVoiceNote, VoiceNoteFallback } from './voice-note-fallback';

const AUDIO: MessageMedia = { url: 'https://api.twilio.com/media/ME1', contentType: 'audio/ogg', size: null };

const VOICE_NOTE: Message = {
  id: 'msg-1',
  tenantId: 'tenant-1',
  whatsappNumberId: 'number-1',
  conversationId: null,
  contactId: null,
  direction: 'inbound',
  author: 'contact',
  body: '[the customer sent a voice note: audio/ogg]',
  fromAddress: 'whatsapp:+5511999990000',
  toAddress: 'whatsapp:+15550001000',
  providerSid: 'SM0123456789abcdef0123456789abcdef',
  status: 'received',
  errorCode: null,
  inReplyTo: null,
  correlationId: 'corr-1',
  processedAt: null,
  rawPayload: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  kind: 'audio',
  media: [AUDIO],
  transcript: null,
};

const COMMAND: TranscribeVoiceNoteCommand = { tenantId: 'tenant-1', inboundMessageId: 'msg-1', correlationId: 'corr-1', isLastAttempt: false };

function build(options: { message?: Message | null; available?: boolean; transcribe?: (audio: AudioToTranscribe) => Promise<string>; download?: () => Promise<{ bytes: Buffer; contentType: string }> } = {}) {
  const log: string[] = [];
  const saved: { transcript: string; media: MessageMedia[] }[] = [];
  const fallbacks: UnreadableVoiceNote[] = [];
  const uploads: AudioToTranscribe[] = [];
  const transcripts = strict<InboundTranscripts>('InboundTranscripts', {
    find: async () => (options.message === undefined ? VOICE_NOTE : options.message),
    save: async (_tenantId: string, _id: string, transcript: string, media: MessageMedia[]) => {
      log.push('save');
      saved.push({ transcript, media });
    },
  });
  const downloader = strict<MediaDownloader>('MediaDownloader', {
    download: options.download ?? (async () => ({ bytes: Buffer.alloc(2048, 1), contentType: 'audio/ogg' })),
  });
  const transcriber = strict<Transcriber>('Transcriber', {
    isAvailable: () => options.available ?? true,
    transcribe: async (audio: AudioToTranscribe) => {
      uploads.push(audio);
      return (options.transcribe ?? (async () => ' Quero saber o horário de amanhã. '))(audio);
    },
  });
  const aiJobs = strict<AiJobQueue>('AiJobQueue', {
    enqueue: async () => {
      log.push('ai');
    },
  });
  const fallback = strict<VoiceNoteFallback>('VoiceNoteFallback', {
    apply: async (note: UnreadableVoiceNote) => {
      log.push('fallback');
      fallbacks.push(note);
      return 'asked_to_type';
    },
  });
  return { useCase: new TranscribeVoiceNote(transcripts, downloader, transcriber, aiJobs, fallback), log, saved, fallbacks, uploads };
}

describe('TranscribeVoiceNote', () => {
  it('stores the trimmed transcript with the downloaded size, then hands the message to the AI', async () => {
    const { useCase, log, saved, uploads } = build();

    await expect(useCase.execute(COMMAND)).resolves.toBe('transcribed');

    expect(log).toEqual(['save', 'ai']);
    expect(saved).toEqual([{ transcript: 'Quero saber o horário de amanhã.', media: [{ ...AUDIO, size: 2048 }] }]);
    expect(uploads[0]).toMatchObject({ contentType: 'audio/ogg', fileName: 'voice-note.ogg' });
  });

  it('goes straight to the fallback without a transcription provider, downloading nothing', async () => {
    const { useCase, log, fallbacks } = build({ available: false, download: async () => Promise.reject(new Error('must not download')) });

    await expect(useCase.execute(COMMAND)).resolves.toBe('fallback');

    expect(log).toEqual(['fallback']);
    expect(fallbacks[0]).toMatchObject({ inboundMessageId: 'msg-1', reason: 'no transcription provider (offline)' });
  });

  it('rethrows a failure so the queue retries, until the last attempt, which falls back', async () => {
    const failing = { transcribe: async () => Promise.reject(new Error('503 from the endpoint')) };
    const early = build(failing);
    await expect(early.useCase.execute(COMMAND)).rejects.toThrow('503 from the endpoint');
    expect(early.log).toEqual([]);

    const last = build(failing);
    await expect(last.useCase.execute({ ...COMMAND, isLastAttempt: true })).resolves.toBe('fallback');
    expect(last.log).toEqual(['fallback']);
  });

  it('falls back at once for media over the size cap: retrying cannot help', async () => {
    const { useCase, log } = build({ download: async () => Promise.reject(new MediaTooLargeError()) });

    await expect(useCase.execute(COMMAND)).resolves.toBe('fallback');

    expect(log).toEqual(['fallback']);
  });

  it('falls back at once for a media URL the fetcher refuses (not Twilio, or a private address): retrying cannot help', async () => {
    const { useCase, log, uploads } = build({ download: async () => Promise.reject(new MediaRefusedError('the media URL is not on Twilio')) });

    await expect(useCase.execute(COMMAND)).resolves.toBe('fallback');

    expect(log).toEqual(['fallback']);
    expect(uploads).toEqual([]);
  });

  it('treats an empty transcript as not understood', async () => {
    const { useCase, log } = build({ transcribe: async () => '   ' });

    await expect(useCase.execute(COMMAND)).resolves.toBe('fallback');

    expect(log).toEqual(['fallback']);
  });

  it('only re-queues the AI job when a retry finds the transcript already stored', async () => {
    const { useCase, log, uploads } = build({ message: { ...VOICE_NOTE, transcript: 'já transcrito', body: 'já transcrito' } });

    await expect(useCase.execute(COMMAND)).resolves.toBe('transcribed');

    expect(log).toEqual(['ai']);
    expect(uploads).toEqual([]);
  });

  it('skips a message that is gone or already handled', async () => {
    await expect(build({ message: null }).useCase.execute(COMMAND)).resolves.toBe('skipped');
    await expect(build({ message: { ...VOICE_NOTE, processedAt: new Date() } }).useCase.execute(COMMAND)).resolves.toBe('skipped');
  });
});
