import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

const TWILIO_API = 'https://api.twilio.com';

/**
 * The SDK has no base-URL option; this client rewrites its calls so a deployment can point the
 * real SDK at TWILIO_API_BASE_URL (the built-in sandbox, a test stand-in or a proxy).
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeout: number,
  ) {
    super({ timeout });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.baseUrl.replace(/\/$/, '') + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}
