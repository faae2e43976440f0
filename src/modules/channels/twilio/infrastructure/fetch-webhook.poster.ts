import { Injectable } from '@nestjs/common';
import { WebhookPoster } from '../application/ports/webhook-poster.port';

@Injectable()
export class FetchWebhookPoster extends WebhookPoster {
  async post(url: string, signature: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1 (atende sandbox)' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.text() };
  }
}
