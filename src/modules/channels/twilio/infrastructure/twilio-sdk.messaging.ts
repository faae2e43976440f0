import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { OutboundSend, TwilioMessaging, TwilioSendError } from '../application/ports/twilio-messaging.port';
import { parseRetryAfter } from '../domain/send-failure';
import { BaseUrlRequestClient } from './base-url-request-client';

const DEFAULT_API = 'https://api.twilio.com';

/** Sends through the real twilio SDK, built per tenant account (clients are cheap to create). */
@Injectable()
export class TwilioSdkMessaging extends TwilioMessaging {
  async send(m: OutboundSend): Promise<{ sid: string; status: string }> {
    const httpClient = m.apiBaseUrl.replace(/\/$/, '') === DEFAULT_API ? undefined : new BaseUrlRequestClient(m.apiBaseUrl);
    const client = twilio(m.accountSid, m.authToken, { httpClient, autoRetry: false });
    const sender = m.messagingServiceSid ? { messagingServiceSid: m.messagingServiceSid } : { from: m.from };
    try {
      const content = m.template ? { contentSid: m.template.contentSid, contentVariables: JSON.stringify(m.template.contentVariables) } : { body: m.body };
      const created = await client.messages.create({ ...sender, to: m.to, ...content, statusCallback: m.statusCallback });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      const e = error as { status?: number; code?: number; message?: string };
      const httpStatus = typeof e.status === 'number' ? e.status : undefined;
      const code = typeof e.code === 'number' ? e.code : undefined;
      // The SDK's error carries no headers; this per-send client's last response does.
      const headers = client.httpClient?.lastResponse?.headers as Record<string, string | undefined> | undefined;
      const retryAfterMs = httpStatus === 429 ? parseRetryAfter(headers?.['retry-after'], new Date()) : undefined;
      throw new TwilioSendError(e.message ?? 'Twilio request failed', httpStatus, code, retryAfterMs);
    }
  }
}
