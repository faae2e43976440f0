import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { OutboundSend, TwilioMessaging, TwilioSendError } from '../application/ports/twilio-messaging.port';
import { BaseUrlRequestClient } from './base-url-request-client';

const DEFAULT_API = 'https://api.twilio.com';

/** Sends through the real twilio SDK, built per tenant account (clients are cheap to create). */
@Injectable()
export class TwilioSdkMessaging extends TwilioMessaging {
  async send(m: OutboundSend): Promise<{ sid: string; status: string }> {
    const httpClient = m.apiBaseUrl.replace(/\/$/, '') === DEFAULT_API ? undefined : new BaseUrlRequestClient(m.apiBaseUrl);
    const client = twilio(m.accountSid, m.authToken, { httpClient, autoRetry: false });
    try {
      const created = await client.messages.create({ from: m.from, to: m.to, body: m.body });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      const e = error as { status?: number; code?: number; message?: string };
      const httpStatus = typeof e.status === 'number' ? e.status : undefined;
      throw new TwilioSendError(e.message ?? 'Twilio request failed', httpStatus, typeof e.code === 'number' ? e.code : undefined);
    }
  }
}
