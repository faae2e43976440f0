import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { Answer, HttpStandIn, RecordedRequest } from './http-stand-in';

export interface SentMessage {
  accountSid: string;
  basicUser: string;
  basicPassword: string;
  from: string;
  to: string;
  body: string;
  /** A template send (outside the 24-hour window): its ContentSid and parsed ContentVariables; null for free-form. */
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  /** MessagingServiceSid when the send went through a Messaging Service (From is then empty). */
  messagingServiceSid: string | null;
  /** The StatusCallback URL the send named. */
  statusCallback: string | null;
  sid: string;
  /** When the stand-in accepted it (epoch ms). */
  acceptedAt: number;
}

/** A status Twilio reports in a status callback. */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

/**
 * Twilio's Messages API as the SDK calls it: POST /2010-04-01/Accounts/{sid}/Messages.json, form body,
 * basic auth. Failures can be scripted: failNext(500) answers the next call with a Twilio error.
 */
export class TwilioStandIn {
  readonly accepted: SentMessage[] = [];
  private readonly failures: { status: number; code: number; retryAfter?: string }[] = [];
  /** Scripted failures as they were answered, with when (epoch ms). */
  readonly refused: { status: number; at: number }[] = [];
  private readonly media = new Map<string, { bytes: Buffer; contentType: string; credentials: { accountSid: string; authToken: string } | null }>();
  /**
   * While set, every send is accepted as soon as it arrives (it reaches the customer) but answered
   * only this long after: a slow Twilio, or with a delay beyond the client's timeout, a send whose
   * outcome the sender cannot know.
   */
  acceptDelayMs = 0;
  private readonly slowAnswers: number[] = [];
  private inProgress = 0;
  private readonly http = new HttpStandIn((r) => this.answerInTime(r));

  get url(): string {
    return this.http.url;
  }

  get requests(): RecordedRequest[] {
    return this.http.requests.filter((r) => r.path.endsWith('/Messages.json'));
  }

  /** The next call(s) get this HTTP status with a Twilio error code (default: 20429 for 429, else 20500), and a Retry-After header if given. */
  failNext(status: number, options: { times?: number; code?: number; retryAfterSeconds?: number } = {}): void {
    const code = options.code ?? (status === 429 ? 20429 : 20500);
    const retryAfter = options.retryAfterSeconds !== undefined ? String(options.retryAfterSeconds) : undefined;
    for (let i = 0; i < (options.times ?? 1); i++) this.failures.push({ status, code, retryAfter });
  }

  /** The next `times` sends are accepted at once and answered after `delayMs` (instead of acceptDelayMs). */
  answerLate(delayMs: number, options: { times?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.slowAnswers.push(delayMs);
  }

  /** Sends accepted whose answer has not gone back yet. */
  get sendsInProgress(): number {
    return this.inProgress;
  }

  /**
   * Posts a status callback for a sent message as Twilio does: to the URL the send named (its path
   * on `appUrl`), form-encoded, signed with the sending account's auth token.
   */
  async postStatus(appUrl: string, sent: SentMessage, status: DeliveryStatus, options: { authToken: string; errorCode?: string; from?: string }): Promise<{ status: number; text: string }> {
    if (!sent.statusCallback) throw new Error(`message ${sent.sid} named no status callback`);
    const form: Record<string, string> = {
      MessageSid: sent.sid,
      SmsSid: sent.sid,
      MessageStatus: status,
      SmsStatus: status,
      AccountSid: sent.accountSid,
      From: options.from ?? sent.from,
      To: sent.to,
      ApiVersion: '2010-04-01',
      ...(options.errorCode ? { ErrorCode: options.errorCode } : {}),
    };
    const signature = twilio.getExpectedTwilioSignature(options.authToken, sent.statusCallback, form);
    const path = new URL(sent.statusCallback).pathname;
    const response = await fetch(appUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /**
   * Serves a file as Twilio serves inbound media: GET on its media URL (basic auth required when
   * `credentials` are given) redirects to a CDN path that needs none. Returns the media URL.
   */
  serveMedia(bytes: Buffer, contentType: string, credentials: { accountSid: string; authToken: string } | null = null): string {
    const account = credentials?.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
    const path = `/2010-04-01/Accounts/${account}/Messages/MM${randomBytes(16).toString('hex')}/Media/ME${randomBytes(16).toString('hex')}`;
    this.media.set(path, { bytes, contentType, credentials });
    return this.http.url + path;
  }

  /** Requests for media files (the media URLs and their CDN redirects). */
  get mediaRequests(): RecordedRequest[] {
    return this.http.requests.filter((r) => r.path.includes('/Media/') || r.path.startsWith('/cdn/'));
  }

  private answerMedia(request: RecordedRequest): Answer | null {
    if (request.method !== 'GET') return null;
    const cdn = /^\/cdn(\/.+)$/.exec(request.path);
    const file = this.media.get(cdn ? cdn[1] : request.path);
    if (!file) return null;
    if (cdn) return { status: 200, raw: file.bytes, headers: { 'content-type': file.contentType } };
    const expected = file.credentials ? `Basic ${Buffer.from(`${file.credentials.accountSid}:${file.credentials.authToken}`).toString('base64')}` : null;
    if (expected && request.headers.authorization !== expected) return { status: 401, json: { code: 20003, message: 'Authenticate', status: 401 } };
    return { status: 307, json: {}, headers: { location: `/cdn${request.path}` } };
  }

  private async answerInTime(request: RecordedRequest): Promise<Answer> {
    const answer = this.answer(request);
    if (answer.status !== 201) return answer;
    const delayMs = this.slowAnswers.shift() ?? this.acceptDelayMs;
    if (delayMs <= 0) return answer;
    this.inProgress += 1;
    // unref: a late answer to a client that gave up must not keep the test process alive.
    await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    this.inProgress -= 1;
    return answer;
  }

  private answer(request: RecordedRequest): Answer {
    const media = this.answerMedia(request);
    if (media) return media;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (request.method !== 'POST' || !match) return { status: 404, json: { code: 20404, message: 'Not found', status: 404 } };
    const failure = this.failures.shift();
    if (failure) {
      this.refused.push({ status: failure.status, at: Date.now() });
      const headers = failure.retryAfter !== undefined ? { 'retry-after': failure.retryAfter } : undefined;
      return { status: failure.status, json: { code: failure.code, message: `scripted ${failure.status}`, status: failure.status }, headers };
    }
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
      contentSid: form.get('ContentSid'),
      contentVariables: form.get('ContentVariables') ? (JSON.parse(form.get('ContentVariables') as string) as Record<string, string>) : null,
      messagingServiceSid: form.get('MessagingServiceSid'),
      statusCallback: form.get('StatusCallback'),
      sid,
      acceptedAt: Date.now(),
    };
    this.accepted.push(sent);
    const now = new Date().toUTCString();
    return {
      status: 201,
      json: { sid, account_sid: sent.accountSid, from: sent.from, to: sent.to, body: sent.body, status: 'queued', date_created: now, date_updated: now, api_version: '2010-04-01', num_segments: '1' },
    };
  }
}
