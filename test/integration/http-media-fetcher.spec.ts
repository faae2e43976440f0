import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../../src/core/config/app-config';
import { MEDIA_MAX_BYTES } from '../../src/modules/channels/twilio/domain/media-description';
import { MediaRefusedError, MediaTooLargeError, MediaUnavailableError } from '../../src/modules/channels/twilio/domain/voice-note';
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

  it("fetches a media URL of the configured API host, following its redirect to the API's own CDN path with the credentials on the first request only", async () => {
    const twilio = await server((path, _headers, res) => {
      if (path.startsWith('/cdn/')) {
        res.writeHead(200, { 'content-type': 'audio/ogg' });
        return void res.end(Buffer.from('OggS-bytes'));
      }
      res.writeHead(307, { location: `/cdn${path}` });
      res.end();
    });
    try {
      const media = await fetcherFor(twilio.url).fetch(`${twilio.url}/Media/ME1`, CREDENTIALS);

      expect(media).toEqual({ bytes: Buffer.from('OggS-bytes'), contentType: 'audio/ogg' });
      expect(twilio.seen).toEqual([
        { path: '/Media/ME1', authorization: BASIC },
        { path: '/cdn/Media/ME1', authorization: undefined },
      ]);
    } finally {
      await twilio.close();
    }
  });

  describe('refuses, without a request reaching the host, media that is not Twilio\'s', () => {
    let twilio: Awaited<ReturnType<typeof server>>;
    let elsewhere: Awaited<ReturnType<typeof server>>;
    let redirectTo = '';

    beforeAll(async () => {
      elsewhere = await server((_path, _headers, res) => {
        res.writeHead(200, { 'content-type': 'audio/ogg' });
        res.end(Buffer.from('internal-secret'));
      });
      twilio = await server((_path, _headers, res) => {
        res.writeHead(302, { location: redirectTo });
        res.end();
      });
    });
    afterAll(() => Promise.all([twilio.close(), elsewhere.close()]));
    beforeEach(() => {
      twilio.seen.splice(0);
      elsewhere.seen.splice(0);
    });

    it.each([
      ['a loopback host other than the configured API host', () => `${elsewhere.url}/Media/ME1`],
      ['IPv6 loopback', () => `http://[::1]:${new URL(elsewhere.url).port}/Media/ME1`],
      ['localhost', () => `http://localhost:${new URL(elsewhere.url).port}/Media/ME1`],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['an arbitrary host', () => 'https://media.example.com/ME1'],
      ['Twilio over plain HTTP', () => 'http://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'],
      ["Twilio's CDN named directly", () => 'https://mms.twiliocdn.com/AC1/abc'],
      ['a look-alike of Twilio', () => 'https://api.twilio.com.example.net/Media/ME1'],
      ['a URL that does not parse', () => 'not a url'],
    ])('a MediaUrl on %s', async (_case, url) => {
      await expect(fetcherFor(twilio.url).fetch(url(), CREDENTIALS)).rejects.toBeInstanceOf(MediaRefusedError);
      expect(elsewhere.seen).toEqual([]);
      expect(twilio.seen).toEqual([]);
    });

    it.each([
      ['another loopback port', () => `${elsewhere.url}/signed/ME1`],
      ['IPv6 loopback', () => `http://[::1]:${new URL(elsewhere.url).port}/signed/ME1`],
      ['an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${new URL(elsewhere.url).port}/signed/ME1`],
      ['an RFC 1918 address', () => 'http://10.0.0.8/signed/ME1'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['an arbitrary host', () => 'https://attacker.example.com/collect'],
      ["Twilio's CDN over plain HTTP", () => 'http://mms.twiliocdn.com/AC1/abc'],
      ["Twilio's CDN on another port", () => 'https://mms.twiliocdn.com:8443/AC1/abc'],
      ['an S3 bucket that is not Twilio\'s', () => 'https://s3-external-1.amazonaws.com/attacker-bucket/file'],
    ])('a redirect from the API host to %s, sending the credentials nowhere else', async (_case, target) => {
      redirectTo = target();

      await expect(fetcherFor(twilio.url).fetch(`${twilio.url}/Media/ME1`, CREDENTIALS)).rejects.toBeInstanceOf(MediaRefusedError);

      expect(twilio.seen).toEqual([{ path: '/Media/ME1', authorization: BASIC }]);
      expect(elsewhere.seen).toEqual([]);
    });
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
