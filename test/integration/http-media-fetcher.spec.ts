import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../../src/core/config/app-config';
import { MEDIA_MAX_BYTES } from '../../src/modules/channels/twilio/domain/media-description';
import { MediaTooLargeError, MediaUnavailableError } from '../../src/modules/channels/twilio/domain/voice-note';
import { HttpMediaFetcher } from '../../src/modules/channels/twilio/infrastructure/http-media.fetcher';

/** A server on 127.0.0.1 whose routes write their answer by hand (chunked bodies, redirects). */
async function server(route: (path: string, headers: IncomingHttpHeaders, res: import('node:http').ServerResponse) => void): Promise<{ url: string; seen: { path: string; authorization?: string }[]; close(): Promise<void> }> {
  const seen: { path: string; authorization?: string }[] = [];
  const http: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '/', authorization: req.headers.authorization });
    route(req.url ?? '/', req.headers, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    seen,
    close: () => {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

function fetcherFor(twilioApiBaseUrl: string, timeoutMs = 5000): HttpMediaFetcher {
  return new HttpMediaFetcher(Object.assign(new AppConfig(), { TWILIO_API_BASE_URL: twilioApiBaseUrl, MEDIA_FETCH_TIMEOUT_MS: timeoutMs }));
}

const CREDENTIALS = { username: 'AC0123456789abcdef0123456789abcdef', password: 'token' };
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

describe('HttpMediaFetcher', () => {
  it('aborts a download without Content-Length as soon as it grows past 16 MB', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    let written = 0;
    const twilio = await server((_path, _headers, res) => {
      res.writeHead(200, { 'content-type': 'audio/ogg' });
      const pump = () => {
        while (written <= MEDIA_MAX_BYTES * 2) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    try {
      await expect(fetcherFor(twilio.url).fetch(`${twilio.url}/media`, CREDENTIALS)).rejects.toBeInstanceOf(MediaTooLargeError);
      expect(written).toBeLessThan(MEDIA_MAX_BYTES * 2);
    } finally {
      await twilio.close();
    }
  });

  it('sends the credentials to Twilio only, not to the host its redirect points to', async () => {
    const cdn = await server((_path, _headers, res) => {
      res.writeHead(200, { 'content-type': 'audio/ogg' });
      res.end(Buffer.from('OggS-bytes'));
    });
    const twilio = await server((_path, _headers, res) => {
      res.writeHead(307, { location: `${cdn.url}/signed/ME1` });
      res.end();
    });
    try {
      const media = await fetcherFor(twilio.url).fetch(`${twilio.url}/Media/ME1`, CREDENTIALS);

      expect(media).toEqual({ bytes: Buffer.from('OggS-bytes'), contentType: 'audio/ogg' });
      expect(twilio.seen).toEqual([{ path: '/Media/ME1', authorization: BASIC }]);
      expect(cdn.seen).toEqual([{ path: '/signed/ME1', authorization: undefined }]);
    } finally {
      await Promise.all([twilio.close(), cdn.close()]);
    }
  });

  it('reports an error status as unavailable media, and gives up after the timeout', async () => {
    const twilio = await server((path, _headers, res) => {
      if (path === '/missing') {
        res.writeHead(404);
        res.end();
      }
      // '/slow' never answers.
    });
    try {
      await expect(fetcherFor(twilio.url).fetch(`${twilio.url}/missing`, null)).rejects.toBeInstanceOf(MediaUnavailableError);
      await expect(fetcherFor(twilio.url, 200).fetch(`${twilio.url}/slow`, null)).rejects.toThrow(/timeout|aborted/i);
    } finally {
      await twilio.close();
    }
  });
});
