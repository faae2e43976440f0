import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@core/config/app-config';
import { RefusedAddressError, sendOutbound } from '@core/net/outbound-request';
import { MEDIA_MAX_BYTES } from '../domain/media-description';
import { MediaSourcePolicy } from '../domain/media-source';
import { MediaRefusedError, MediaTooLargeError, MediaUnavailableError } from '../domain/voice-note';
import { FetchedMedia, MediaCredentials, MediaFetcher } from '../application/ports/media-fetcher.port';

const MAX_REDIRECTS = 3;

/**
 * Twilio media over HTTP(S): only from Twilio's API (or TWILIO_API_BASE_URL), redirects only to
 * Twilio's media CDN, every host but the configured API base on a public address (checked on the
 * address connected to), basic auth on the first request only, a size cap enforced while streaming,
 * and a timeout.
 */
@Injectable()
export class HttpMediaFetcher extends MediaFetcher {
  private readonly policy: MediaSourcePolicy;

  constructor(private readonly config: AppConfig) {
    super();
    this.policy = new MediaSourcePolicy(config.TWILIO_API_BASE_URL);
  }

  async fetch(url: string, credentials: MediaCredentials | null): Promise<FetchedMedia> {
    const signal = AbortSignal.timeout(this.config.MEDIA_FETCH_TIMEOUT_MS);
    let current = parsed(url);
    if (!current || !this.policy.allowsSource(current)) throw new MediaRefusedError('the media URL is not on Twilio');
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // The credentials go to the API host the webhook named; a redirect target is a signed URL that needs none.
      const headers: Record<string, string> = hop === 0 && credentials ? { authorization: basic(credentials) } : {};
      const response = await this.get(current, headers, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        const next = parsed(location, current);
        if (!next || !this.policy.allowsRedirect(next)) throw new MediaRefusedError("the media URL redirects outside Twilio's media CDN");
        current = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new MediaUnavailableError(status);
      }
      return { bytes: await readCapped(response), contentType: response.headers['content-type'] ?? '' };
    }
    throw new MediaUnavailableError(310);
  }

  private async get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    try {
      return await sendOutbound(url, { headers, signal, publicOnly: !this.policy.mayBePrivate(url) });
    } catch (error) {
      if (error instanceof RefusedAddressError) throw new MediaRefusedError(error.message);
      throw error;
    }
  }
}

function parsed(url: string, base?: URL): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

function basic(credentials: MediaCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

async function readCapped(response: IncomingMessage): Promise<Buffer> {
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > MEDIA_MAX_BYTES) {
    response.destroy();
    throw new MediaTooLargeError();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MEDIA_MAX_BYTES) {
      response.destroy();
      throw new MediaTooLargeError();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
