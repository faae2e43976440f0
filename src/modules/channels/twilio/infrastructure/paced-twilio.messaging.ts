import { Injectable } from '@nestjs/common';
import { OutboundSend, SentQuery, TwilioMessaging, TwilioSendError } from '../application/ports/twilio-messaging.port';
import type { ProviderMessage } from '../domain/send-attempt';
import { RedisSendPacer } from './redis-send-pacer';
import { TwilioSdkMessaging } from './twilio-sdk.messaging';

/**
 * Twilio's Messages API at the number's pace: each send waits for the number's next slot (its
 * send_rate_per_second, shared by all workers), and a 429 with Retry-After holds back every send
 * from that number for that long.
 */
@Injectable()
export class PacedTwilioMessaging extends TwilioMessaging {
  constructor(
    private readonly twilio: TwilioSdkMessaging,
    private readonly pacer: RedisSendPacer,
  ) {
    super();
  }

  async send(message: OutboundSend): Promise<{ sid: string; status: string }> {
    await this.pacer.waitTurn(message.from, message.sendRatePerSecond);
    try {
      return await this.twilio.send(message);
    } catch (error) {
      if (error instanceof TwilioSendError && error.retryAfterMs !== undefined) await this.pacer.pause(message.from, error.retryAfterMs);
      throw error;
    }
  }

  /** Reading the list is not a send: it does not wait for the number's pace. */
  listSent(query: SentQuery): Promise<ProviderMessage[]> {
    return this.twilio.listSent(query);
  }
}
