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

/** How the stand-in treats the next send(s) it takes: answered late, or its connection dropped. */
type SendScript = { kind: 'slow'; ms: number } | { kind: 'drop'; afterAccepting: boolean };

/**
 * Twilio's Messages API as the SDK calls it: POST /2010-04-01/Accounts/{sid}/Messages.json, form body,
 * basic auth, and GET on the same path to list messages (To, From, DateSent>/<, PageSize, Page; newest
 * first, paged as the SDK reads it). Failures can be scripted: failNext(500) answers the next send with
 * a Twilio error, failListNext(503) the next list; slowNext and dropNext script sends whose answer is
 * late or never comes.
 */
export class TwilioStandIn {
  readonly accepted: SentMessage[] = [];
  private readonly failures: { status: number; code: number; retryAfter?: string }[] = [];
  private readonly listFailures: number[] = [];
  private readonly scripts: SendScript[] = [];
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

  /** The list calls (GET …/Messages.json?…) the SDK made. */
  get listRequests(): RecordedRequest[] {
    return this.http.requests.filter((r) => r.method === 'GET' && r.path.split('?')[0].endsWith('/Messages.json'));
  }

  /** The next send(s) are accepted at once (listed, in `accepted`) but answered only after `ms`: longer than the client waits, it times out. */
  slowNext(ms: number, options: { times?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.scripts.push({ kind: 'slow', ms });
  }

  /** The next send(s) get their connection closed without an answer: after accepting them (a send lost in flight), or before. */
  dropNext(options: { afterAccepting: boolean; times?: number }): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.scripts.push({ kind: 'drop', afterAccepting: options.afterAccepting });
  }

  /** The next list call(s) get this HTTP status. */
  failListNext(status: number, options: { times?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.listFailures.push(status);
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
    if (sent.messagingServiceSid) form.MessagingServiceSid = sent.messagingServiceSid;
    const signature = twilio.getExpectedTwilioSignature(options.authToken, sent.statusCallback, form);
    const url = new URL(sent.statusCallback);
    const path = url.pathname + url.search;
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
    const answer = await this.answer(request);
    if (answer.status !== 201) return answer;
    const delayMs = this.slowAnswers.shift() ?? this.acceptDelayMs;
    if (delayMs <= 0) return answer;
    this.inProgress += 1;
    // unref: a late answer to a client that gave up must not keep the test process alive.
    await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    this.inProgress -= 1;
    return answer;
  }

  private async answer(request: RecordedRequest): Promise<Answer> {
    const media = this.answerMedia(request);
    if (media) return media;
    const [path, query] = request.path.split('?');
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (match && request.method === 'GET') return this.list(match[1], new URLSearchParams(query ?? ''));
    if (request.method !== 'POST' || !match) return { status: 404, json: { code: 20404, message: 'Not found', status: 404 } };
    const failure = this.failures.shift();
    if (failure) {
      this.refused.push({ status: failure.status, at: Date.now() });
      const headers = failure.retryAfter !== undefined ? { 'retry-after': failure.retryAfter } : undefined;
      return { status: failure.status, json: { code: failure.code, message: `scripted ${failure.status}`, status: failure.status }, headers };
    }
    const script = this.scripts.shift();
    if (script?.kind === 'drop' && !script.afterAccepting) return { status: 0, drop: true };
    const sent = this.accept(match[1], request);
    if (script?.kind === 'drop') return { status: 0, drop: true };
    if (script?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, script.ms).unref());
    return { status: 201, json: resource(sent) };
  }

  private accept(accountSid: string, request: RecordedRequest): SentMessage {
    const form = new URLSearchParams(request.body);
    const [user, password] = Buffer.from(String(request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    const sent: SentMessage = {
      accountSid,
      basicUser: user ?? '',
      basicPassword: password ?? '',
      from: form.get('From') ?? '',
      to: form.get('To') ?? '',
      body: form.get('Body') ?? '',
      contentSid: form.get('ContentSid'),
      contentVariables: form.get('ContentVariables') ? (JSON.parse(form.get('ContentVariables') as string) as Record<string, string>) : null,
      messagingServiceSid: form.get('MessagingServiceSid'),
      statusCallback: form.get('StatusCallback'),
      sid: `SM${randomBytes(16).toString('hex')}`,
      acceptedAt: Date.now(),
    };
    this.accepted.push(sent);
    return sent;
  }

  /**
   * Twilio's list, newest first. Every message here stays queued, so it has no date_sent and the
   * DateSent filters (on date_sent, as Twilio's are) leave it out.
   */
  private list(accountSid: string, query: URLSearchParams): Answer {
    const status = this.listFailures.shift();
    if (status) return { status, json: { code: 20500, message: `scripted ${status}`, status } };
    const [to, from] = [query.get('To'), query.get('From')];
    const dateFiltered = query.has('DateSent') || query.has('DateSent>') || query.has('DateSent<');
    const matching = this.accepted
      .filter((m) => m.accountSid === accountSid && (!to || m.to === to) && (!from || m.from === from) && !dateFiltered)
      .reverse();
    const pageSize = Math.min(Number(query.get('PageSize') ?? 50), 1000);
    const page = Number(query.get('Page') ?? 0);
    const uri = (n: number) => {
      const next = new URLSearchParams(query);
      next.set('Page', String(n));
      next.set('PageSize', String(pageSize));
      return `/2010-04-01/Accounts/${accountSid}/Messages.json?${next.toString()}`;
    };
    const items = matching.slice(page * pageSize, (page + 1) * pageSize);
    return {
      status: 200,
      json: {
        messages: items.map(resource),
        page,
        page_size: pageSize,
        start: page * pageSize,
        end: page * pageSize + Math.max(items.length - 1, 0),
        uri: uri(page),
        first_page_uri: uri(0),
        previous_page_uri: page > 0 ? uri(page - 1) : null,
        next_page_uri: (page + 1) * pageSize < matching.length ? uri(page + 1) : null,
      },
    };
  }
}

/** A message as Twilio's API returns it. */
function resource(sent: SentMessage) {
  const created = new Date(sent.acceptedAt).toUTCString();
  return {
    sid: sent.sid,
    account_sid: sent.accountSid,
    messaging_service_sid: sent.messagingServiceSid,
    from: sent.from,
    to: sent.to,
    body: sent.body,
    status: 'queued',
    direction: 'outbound-api',
    date_created: created,
    date_updated: created,
    date_sent: null,
    api_version: '2010-04-01',
    num_segments: '1',
    num_media: '0',
    uri: `/2010-04-01/Accounts/${sent.accountSid}/Messages/${sent.sid}.json`,
  };
}
