import { Injectable } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { MEDIA_MAX_BYTES } from '../domain/media-description';
import { MediaTooLargeError, MediaUnavailableError } from '../domain/voice-note';
import { FetchedMedia, MediaCredentials, MediaFetcher } from '../application/ports/media-fetcher.port';

const MAX_REDIRECTS = 3;
/** Twilio's own hosts; its media URLs redirect to a signed CDN URL that needs no credentials. */
const TWILIO_HOST = /(^|\.)twilio\.com$/i;

/** Twilio media over HTTP(S) with basic auth, a size cap enforced while streaming, and a timeout. */
@Injectable()
export class HttpMediaFetcher extends MediaFetcher {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async fetch(url: string, credentials: MediaCredentials | null): Promise<FetchedMedia> {
    const signal = AbortSignal.timeout(this.config.MEDIA_FETCH_TIMEOUT_MS);
    let current = new URL(url);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = {};
      if (credentials && this.isTwilio(current)) {
        headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      }
      const response = await fetch(current, { headers, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, current);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new MediaUnavailableError(response.status);
      }
      return { bytes: await readCapped(response), contentType: response.headers.get('content-type') ?? '' };
    }
    throw new MediaUnavailableError(310);
  }

  /** Credentials go only to Twilio (or the configured Twilio API base, e.g. a stand-in), never to a CDN or any other host. */
  private isTwilio(url: URL): boolean {
    return TWILIO_HOST.test(url.hostname) || url.origin === new URL(this.config.TWILIO_API_BASE_URL).origin;
  }
}

async function readCapped(response: Response): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MEDIA_MAX_BYTES) {
    await response.body?.cancel();
    throw new MediaTooLargeError();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MEDIA_MAX_BYTES) {
      await reader.cancel();
      throw new MediaTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
