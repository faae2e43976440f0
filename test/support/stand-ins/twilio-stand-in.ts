import { randomBytes } from 'node:crypto';
import { HttpStandIn, RecordedRequest } from './http-stand-in';

export interface SentMessage {
  accountSid: string;
  basicUser: string;
  basicPassword: string;
  from: string;
  to: string;
  body: string;
  sid: string;
}

/**
 * Twilio's Messages API as the SDK calls it: POST /2010-04-01/Accounts/{sid}/Messages.json, form body,
 * basic auth. Failures can be scripted: failNext(500) answers the next call with a Twilio error.
 */
export class TwilioStandIn {
  readonly accepted: SentMessage[] = [];
  private readonly failures: { status: number; code: number }[] = [];
  private readonly http = new HttpStandIn((r) => this.answer(r));

  get url(): string {
    return this.http.url;
  }

  get requests(): RecordedRequest[] {
    return this.http.requests.filter((r) => r.path.endsWith('/Messages.json'));
  }

  /** The next call(s) get this HTTP status with a Twilio error code (default: 20429 for 429, else 20500). */
  failNext(status: number, options: { times?: number; code?: number } = {}): void {
    const code = options.code ?? (status === 429 ? 20429 : 20500);
    for (let i = 0; i < (options.times ?? 1); i++) this.failures.push({ status, code });
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private answer(request: RecordedRequest) {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (request.method !== 'POST' || !match) return { status: 404, json: { code: 20404, message: 'Not found', status: 404 } };
    const failure = this.failures.shift();
    if (failure) return { status: failure.status, json: { code: failure.code, message: `scripted ${failure.status}`, status: failure.status } };
    const form = new URLSearchParams(request.body);
    const [user, password] = Buffer.from(String(request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const sent: SentMessage = {
      accountSid: match[1],
      basicUser: user ?? '',
      basicPassword: password ?? '',
      from: form.get('From') ?? '',
      to: form.get('To') ?? '',
      body: form.get('Body') ?? '',
      sid,
    };
    this.accepted.push(sent);
    const now = new Date().toUTCString();
    return {
      status: 201,
      json: { sid, account_sid: sent.accountSid, from: sent.from, to: sent.to, body: sent.body, status: 'queued', date_created: now, date_updated: now, api_version: '2010-04-01', num_segments: '1' },
    };
  }
}
