import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { AppConfig } from '@core/config/app-config';
import { OutboundSend, SentQuery, TwilioMessaging, TwilioSendError } from '../application/ports/twilio-messaging.port';
import { parseRetryAfter } from '../domain/send-failure';
import type { ProviderMessage } from '../domain/send-attempt';
import { BaseUrlRequestClient } from './base-url-request-client';

const DEFAULT_API = 'https://api.twilio.com';
/** Pages of the list read to find one attempt; a contact who got more messages than this in the window stays unresolved. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

type Client = ReturnType<typeof twilio>;
/** The part of the SDK's MessagePage that paging needs. */
interface ListPage {
  instances: MessageInstance[];
  nextPageUrl?: string;
  nextPage(): Promise<ListPage> | undefined;
}

/** Sends through the real twilio SDK, built per tenant account (clients are cheap to create). */
@Injectable()
export class TwilioSdkMessaging extends TwilioMessaging {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async send(m: OutboundSend): Promise<{ sid: string; status: string }> {
    const client = this.client(m);
    const sender = m.messagingServiceSid ? { messagingServiceSid: m.messagingServiceSid } : { from: m.from };
    try {
      const content = m.template ? { contentSid: m.template.contentSid, contentVariables: JSON.stringify(m.template.contentVariables) } : { body: m.body };
      const created = await client.messages.create({ ...sender, to: m.to, ...content, statusCallback: m.statusCallback });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      throw sendError(error, client);
    }
  }

  /**
   * Filters by To and From only, and on the creation time here: DateSent filters on date_sent, which
   * Twilio sets only once the message left its queue, so an accepted send still queued would be missed.
   */
  async listSent(q: SentQuery): Promise<ProviderMessage[]> {
    const client = this.client(q);
    const listed: ProviderMessage[] = [];
    try {
      let page: ListPage | undefined = await client.messages.page({ to: q.to, ...(q.messagingServiceSid ? {} : { from: q.from }), pageSize: PAGE_SIZE });
      for (let read = 1; page; read++) {
        listed.push(...page.instances.map(toProviderMessage));
        const reachedSince = page.instances.some((m) => m.dateCreated && m.dateCreated < q.since);
        if (reachedSince || !page.nextPageUrl) return listed;
        if (read >= MAX_PAGES) throw new TwilioSendError(`more than ${PAGE_SIZE * MAX_PAGES} messages to ${q.to} since ${q.since.toISOString()}`, undefined, undefined);
        page = await page.nextPage();
      }
      return listed;
    } catch (error) {
      throw error instanceof TwilioSendError ? error : sendError(error, client);
    }
  }

  private client(account: Pick<OutboundSend, 'accountSid' | 'authToken' | 'apiBaseUrl'>): Client {
    const timeout = this.config.TWILIO_REQUEST_TIMEOUT_MS;
    const httpClient = account.apiBaseUrl.replace(/\/$/, '') === DEFAULT_API ? undefined : new BaseUrlRequestClient(account.apiBaseUrl, timeout);
    return twilio(account.accountSid, account.authToken, { httpClient, autoRetry: false, timeout });
  }
}

function sendError(error: unknown, client: Client): TwilioSendError {
  const e = error as { status?: number; code?: number; message?: string };
  const httpStatus = typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'number' ? e.code : undefined;
  // The SDK's error carries no headers; this per-call client's last response does.
  const headers = client.httpClient?.lastResponse?.headers as Record<string, string | undefined> | undefined;
  const retryAfterMs = httpStatus === 429 ? parseRetryAfter(headers?.['retry-after'], new Date()) : undefined;
  return new TwilioSendError(e.message ?? 'Twilio request failed', httpStatus, code, retryAfterMs);
}

function toProviderMessage(m: MessageInstance): ProviderMessage {
  return { sid: m.sid, status: m.status, body: m.body ?? '', messagingServiceSid: m.messagingServiceSid ?? null, dateCreated: m.dateCreated ?? null };
}
