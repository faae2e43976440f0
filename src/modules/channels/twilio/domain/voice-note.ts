import { DomainError } from '@core/errors/domain-error';
import { MEDIA_MAX_BYTES, readableSize } from './media-description';

/** Said once per conversation when a voice note cannot be transcribed and the tenant chose "ask to type". */
export const VOICE_NOTE_NOT_UNDERSTOOD =
  'Desculpe, no momento não consigo entender mensagens de áudio. Você pode escrever sua mensagem, por favor?';

/** Retrying cannot help: the media is bigger than WhatsApp allows. */
export class MediaTooLargeError extends DomainError {
  readonly code = 'CHANNEL.MEDIA_TOO_LARGE';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super(`The media is larger than ${readableSize(MEDIA_MAX_BYTES)}`);
  }
}

/** The media URL answered with an error (worth retrying: Twilio may not have it ready yet). */
export class MediaUnavailableError extends DomainError {
  readonly code = 'CHANNEL.MEDIA_UNAVAILABLE';
  readonly kind = 'unprocessable' as const;
  constructor(status: number) {
    super(`The media could not be downloaded (HTTP ${status})`);
  }
}

/** The media URL, or a redirect from it, leads somewhere media may not come from: retrying cannot help. */
export class MediaRefusedError extends DomainError {
  readonly code = 'CHANNEL.MEDIA_REFUSED';
  readonly kind = 'unprocessable' as const;
  constructor(reason: string) {
    super(`The media was not downloaded: ${reason}`);
  }
}

/** Failures a retry of the download cannot fix. */
export function isPermanentMediaFailure(error: unknown): boolean {
  return error instanceof MediaTooLargeError || error instanceof MediaRefusedError;
}
