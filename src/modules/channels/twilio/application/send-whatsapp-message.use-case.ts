import { Injectable, Logger } from '@nestjs/common';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isDeliveryFailure } from '@modules/conversation/domain/delivery-status';
import type { Message } from '@modules/conversation/domain/message';
import { TWILIO_OUTSIDE_WINDOW } from '../domain/outbound-window';
import { isRetryableSendFailure } from '../domain/send-failure';
import { outboundTexts, PART_NOT_SENT } from '../domain/outbound-text';
import { callbackFor } from '../domain/status-callback';
import { OutboundGate, SendPlan } from './outbound-gate';
import { OutboundSend, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
import { SEND_UNCERTAIN, SendAttempts, SendDeferred } from './send-attempts';
import { SendingAccountResolver } from './sending-account-resolver';

/** Stored as the message's error code when its number is disabled (Twilio's own codes are numeric). */
export const NUMBER_DISABLED = 'NUMBER_DISABLED';

export interface SendCommand {
  tenantId: string;
  messageId: string;
  /** False on the job's last attempt: a transient failure then becomes a final one. */
  mayRetry: boolean;
}

/**
 * Delivers a stored outbound message through Twilio, at most once per message: an earlier attempt
 * whose outcome is unknown is resolved at Twilio before anything is sent again (SendAttempts).
 */
@Injectable()
export class SendWhatsappMessage {
  private readonly logger = new Logger(SendWhatsappMessage.name);

  constructor(
    private readonly delivery: MessageDelivery,
    private readonly accounts: SendingAccountResolver,
    private readonly twilio: TwilioMessaging,
    private readonly gate: OutboundGate,
    private readonly attempts: SendAttempts,
  ) {}

  async execute(command: SendCommand): Promise<void> {
    const { tenantId, messageId } = command;
    const message = await this.delivery.outbound(tenantId, messageId);
    // A part of a long message is sent only by its parent's job, in order.
    if (!message || message.parentMessageId || message.providerSid || message.status !== 'pending') return;

    const sender = await this.accounts.forNumber(tenantId, message.whatsappNumberId);
    if (sender.status === 'missing') return this.delivery.record(tenantId, messageId, { status: 'failed', errorMessage: 'sending number no longer exists' });
    if (sender.status === 'disabled') {
      this.logger.warn({ messageId, numberId: message.whatsappNumberId }, 'not sent: the sending number is disabled');
      return this.delivery.record(tenantId, messageId, { status: 'failed', errorCode: NUMBER_DISABLED, errorMessage: 'The sending WhatsApp number is disabled; enable it to send from it' });
    }

    // The channel's rules (opt-out, the 24-hour window) decide whether and how it goes out: never silently dropped.
    const plan = await this.gate.plan(tenantId, messageId);
    if (plan.kind === 'refused') {
      this.logger.warn({ messageId, code: plan.errorCode }, 'not sent: the channel rules refuse it');
      return this.delivery.record(tenantId, messageId, { status: 'failed', errorCode: plan.errorCode, errorMessage: plan.errorMessage });
    }
    const texts = plan.kind === 'template' ? [message.body] : outboundTexts(message.author, message.body);
    const outbound: OutboundSend = {
      ...sender.account,
      from: message.fromAddress,
      to: message.toAddress,
      body: texts[0],
      ...templateOf(plan),
    };
    if (texts.length > 1) return this.sendParts(command, message, outbound, texts);
    const single = { ...command, mayRetry: this.attempts.mayRetry(message, command.mayRetry) };
    try {
      await this.deliver(single, message, outbound);
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      // Twilio knows the window better than our clock: a free-form refusal is retried once as the template.
      if (error.twilioCode === TWILIO_OUTSIDE_WINDOW && !outbound.template) return this.retryAsTemplate(single, message, outbound, error);
      await this.failed(single, error);
    }
  }

  /** A body over WhatsApp's limit goes out as ordered parts, one after the other; a retried job skips the parts already accepted. */
  private async sendParts(command: SendCommand, message: Message, outbound: OutboundSend, texts: string[]): Promise<void> {
    const parts = await this.delivery.parts(message, texts);
    for (const [i, part] of parts.entries()) {
      if (isDeliveryFailure(part.status)) return this.abandon(command.tenantId, parts.slice(i + 1));
      if (part.providerSid || part.status !== 'pending') continue;
      const partCommand = { ...command, messageId: part.id, mayRetry: this.attempts.mayRetry(part, command.mayRetry) };
      try {
        if (await this.deliver(partCommand, part, { ...outbound, body: part.body })) continue;
      } catch (error) {
        if (!(error instanceof TwilioSendError)) throw error;
        await this.failed(partCommand, error);
      }
      return this.abandon(command.tenantId, parts.slice(i + 1));
    }
  }

  private async abandon(tenantId: string, parts: Message[]): Promise<void> {
    for (const part of parts) {
      await this.delivery.record(tenantId, part.id, { status: 'failed', errorCode: PART_NOT_SENT, errorMessage: 'Not sent: an earlier part of this message failed' });
    }
  }

  /**
   * Sends one message or part unless an earlier attempt already reached Twilio. False when it
   * failed for good without a send (its earlier outcome could not be learnt on the last try).
   */
  private async deliver(command: SendCommand, message: Message, outbound: OutboundSend): Promise<boolean> {
    const earlier = await this.attempts.earlier(message, outbound);
    if (earlier.kind === 'wait') throw new SendDeferred(earlier.ms);
    if (earlier.kind === 'accepted') {
      await this.recordAccepted(command, earlier);
      return true;
    }
    if (earlier.kind === 'unknown') {
      if (command.mayRetry) throw earlier.error;
      this.logger.warn({ messageId: command.messageId }, 'not sent again: Twilio could not tell whether it has the earlier send');
      const errorMessage = 'Twilio could not tell whether an earlier attempt reached the customer, so it was not sent again; a status from Twilio replaces this';
      await this.delivery.record(command.tenantId, command.messageId, { status: 'failed', errorCode: SEND_UNCERTAIN, errorMessage });
      return false;
    }
    await this.attempt(command, message, outbound);
    return true;
  }

  /** Records the attempt, then hands it to Twilio: a retry that finds the record asks Twilio before sending again. */
  private async attempt(command: SendCommand, message: Message, outbound: OutboundSend): Promise<void> {
    const send = { ...outbound, statusCallback: callbackFor(outbound.statusCallback, message.id) };
    if (!(await this.attempts.begin(message, send))) return;
    let result: { sid: string; status: string };
    try {
      result = await this.twilio.send(send);
    } catch (error) {
      if (error instanceof TwilioSendError) await this.attempts.failed(message, error);
      throw error;
    }
    await this.recordAccepted(command, result);
  }

  private async recordAccepted(command: SendCommand, accepted: { sid: string; status: string }): Promise<void> {
    await this.delivery.record(command.tenantId, command.messageId, { status: toStatus(accepted.status), providerSid: accepted.sid });
    this.logger.log({ messageId: command.messageId, sid: accepted.sid }, 'message accepted by Twilio');
  }

  private async retryAsTemplate(command: SendCommand, message: Message, outbound: OutboundSend, refusal: TwilioSendError): Promise<void> {
    const plan = await this.gate.afterWindowRefusal(command.tenantId, command.messageId);
    if (plan?.kind !== 'template') return this.failed(command, refusal);
    try {
      await this.attempt(command, message, { ...outbound, ...templateOf(plan) });
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      await this.failed(command, error);
    }
  }

  /** Rethrows a transient failure while the job may retry; otherwise the message failed for good. */
  private async failed(command: SendCommand, error: TwilioSendError): Promise<void> {
    // A 429 with Retry-After is never final: the job comes back after the wait (see SendWhatsappMessageProcessor).
    if (error.retryAfterMs !== undefined || (isRetryableSendFailure(error.httpStatus) && command.mayRetry)) throw error;
    this.logger.warn({ messageId: command.messageId, httpStatus: error.httpStatus, code: error.twilioCode }, 'message failed for good');
    await this.delivery.record(command.tenantId, command.messageId, {
      status: 'failed',
      errorCode: error.twilioCode !== undefined ? String(error.twilioCode) : error.httpStatus !== undefined ? `HTTP_${error.httpStatus}` : 'NETWORK',
      errorMessage: error.message.slice(0, 1000),
    });
  }
}

function templateOf(plan: SendPlan): Pick<OutboundSend, 'template'> {
  return plan.kind === 'template' ? { template: { contentSid: plan.contentSid, contentVariables: plan.contentVariables } } : {};
}

const KNOWN = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;
function toStatus(status: string): (typeof KNOWN)[number] {
  return (KNOWN as readonly string[]).includes(status) ? (status as (typeof KNOWN)[number]) : 'queued';
}
