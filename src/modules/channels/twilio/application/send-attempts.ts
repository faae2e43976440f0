import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { Clock } from '@core/time/clock';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { Message } from '@modules/conversation/domain/message';
import { attemptCandidates, lookupAfter, lookupWindowStart } from '../domain/send-attempt';
import { isRetryableSendFailure } from '../domain/send-failure';
import { OutboundSend, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';

/** What became of an earlier attempt to send a message (or a part). */
export type EarlierAttempt =
  /** None in flight, or Twilio's list certainly does not hold it: the message may be sent. */
  | { kind: 'absent' }
  | { kind: 'accepted'; sid: string; status: string }
  /** Too recent to trust the list: look again after this long. */
  | { kind: 'wait'; ms: number }
  /** The list could not be read: not known whether the customer has it. */
  | { kind: 'unknown'; error: TwilioSendError };

/** A send that must wait before its earlier attempt can be resolved; the job comes back after the delay. */
export class SendDeferred extends Error {
  constructor(readonly delayMs: number) {
    super(`an earlier send's outcome is resolved in ${delayMs} ms`);
    this.name = 'SendDeferred';
  }
}

/** Stored as the error code when Twilio could not tell whether it has the message: it is not sent again. */
export const SEND_UNCERTAIN = 'SEND_UNCERTAIN';

/**
 * Every send is recorded on its message before the call; an attempt found in flight on a retry is
 * looked up in Twilio's message list, and the message is sent again only when certainly absent.
 */
@Injectable()
export class SendAttempts {
  private readonly logger = new Logger(SendAttempts.name);

  constructor(
    private readonly delivery: MessageDelivery,
    private readonly twilio: TwilioMessaging,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async earlier(message: Message, outbound: OutboundSend): Promise<EarlierAttempt> {
    if (!message.sendAttemptedAt) return { kind: 'absent' };
    const wait = (message.sendLookupAfter ?? message.sendAttemptedAt).getTime() - this.clock.now().getTime();
    if (wait > 0) return { kind: 'wait', ms: wait };
    let listed;
    try {
      listed = await this.twilio.listSent({ ...outbound, since: lookupWindowStart(message.sendAttemptedAt) });
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      this.logger.warn({ messageId: message.id, httpStatus: error.httpStatus }, "Twilio's message list could not be read to resolve an earlier send");
      return { kind: 'unknown', error };
    }
    const sent = { at: message.sendAttemptedAt, body: message.sendAttemptContentSid ? null : outbound.body, messagingServiceSid: outbound.messagingServiceSid ?? null };
    for (const candidate of attemptCandidates(listed, sent)) {
      if (await this.delivery.findBySid(message.tenantId, candidate.sid)) continue;
      this.logger.log({ messageId: message.id, sid: candidate.sid }, 'an earlier send was accepted by Twilio: not sent again');
      return { kind: 'accepted', sid: candidate.sid, status: candidate.status };
    }
    this.logger.log({ messageId: message.id }, 'an earlier send never reached Twilio: sending it again');
    return { kind: 'absent' };
  }

  /** Whether a failure of this attempt may still be retried: the message's own count bounds resends across jobs. */
  mayRetry(message: Message, jobMayRetry: boolean): boolean {
    return jobMayRetry && (message.sendAttempts ?? 0) + 1 < this.config.QUEUE_ATTEMPTS;
  }

  /**
   * Records the attempt before the call; false when the message is no longer pending or another
   * worker began an attempt since this one read it (it sends, this one does not). Keeps `message`
   * in step with its row.
   */
  async begin(message: Message, outbound: OutboundSend): Promise<boolean> {
    const at = this.clock.now();
    const inFlight = this.config.TWILIO_REQUEST_TIMEOUT_MS + this.config.TWILIO_SEND_LOOKUP_MARGIN_MS;
    const attempt = { previous: message.sendAttemptedAt ?? null, at, lookupAfter: lookupAfter(at, inFlight), contentSid: outbound.template?.contentSid ?? null };
    if (!(await this.delivery.beginAttempt(message.tenantId, message.id, attempt))) return false;
    message.sendAttemptedAt = at;
    return true;
  }

  /**
   * Twilio answered without accepting (a 4xx): nothing is in flight. A 5xx or no answer at all
   * leaves the attempt to be looked up, a margin after the answer.
   */
  async failed(message: Message, error: TwilioSendError): Promise<void> {
    const uncertain = error.httpStatus === undefined || (isRetryableSendFailure(error.httpStatus) && error.httpStatus !== 429);
    const after = uncertain ? lookupAfter(this.clock.now(), this.config.TWILIO_SEND_LOOKUP_MARGIN_MS) : null;
    await this.delivery.settleAttempt(message.tenantId, message.id, after);
    if (!after) message.sendAttemptedAt = null;
  }
}
