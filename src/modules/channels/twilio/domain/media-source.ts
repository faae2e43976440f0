/**
 * Where inbound media may be downloaded from. A webhook names its MediaUrl, and any tenant admin can
 * sign webhooks (a number is registered with an auth token of their choosing), so the URL is not
 * trusted: it must be Twilio's API (or the configured TWILIO_API_BASE_URL, a stand-in or proxy), and
 * only Twilio's media CDN may be redirected to. Twilio answers a media URL with a redirect to a
 * short-lived signed URL on mms.twiliocdn.com (media behind HTTP basic auth) or on
 * s3-external-1.amazonaws.com/media.twiliocdn.com/ (older, public media).
 */

/** Twilio's REST API hosts: api.twilio.com and its regional forms (api.dublin.ie1.twilio.com). */
const TWILIO_API_HOST = /^api(\.[a-z0-9-]+\.[a-z0-9-]+)?\.twilio\.com$/;
const TWILIO_CDN_HOSTS = new Set(['mms.twiliocdn.com', 'media.twiliocdn.com']);
const TWILIO_S3_HOST = 's3-external-1.amazonaws.com';
const TWILIO_S3_BUCKET = '/media.twiliocdn.com/';

/** The configured Twilio API base, by origin: scheme, host and port. */
export class MediaSourcePolicy {
  private readonly apiOrigin: string;

  constructor(twilioApiBaseUrl: string) {
    this.apiOrigin = new URL(twilioApiBaseUrl).origin;
  }

  /** The URL a webhook named may be fetched: Twilio's API over HTTPS, or the configured API base. */
  allowsSource(url: URL): boolean {
    return this.isConfiguredApi(url) || (plainHttps(url) && TWILIO_API_HOST.test(url.hostname));
  }

  /** A redirect may lead only to Twilio's media CDN over HTTPS, or back to the configured API base. */
  allowsRedirect(url: URL): boolean {
    if (this.isConfiguredApi(url)) return true;
    if (!plainHttps(url)) return false;
    return TWILIO_CDN_HOSTS.has(url.hostname) || (url.hostname === TWILIO_S3_HOST && url.pathname.startsWith(TWILIO_S3_BUCKET));
  }

  /**
   * The configured API base may be on a private address (the sandbox, a local stand-in, a proxy):
   * the operator chose it. Every other host must resolve to a public address.
   */
  mayBePrivate(url: URL): boolean {
    return this.isConfiguredApi(url);
  }

  private isConfiguredApi(url: URL): boolean {
    return url.origin === this.apiOrigin && url.username === '' && url.password === '';
  }
}

/** HTTPS on its own port, with no user or password in the URL. */
function plainHttps(url: URL): boolean {
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '';
}
