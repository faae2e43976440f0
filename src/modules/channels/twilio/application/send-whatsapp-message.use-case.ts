import { Injectable, Logger } from '@nestjs/common';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isDeliveryFailure } from '@modules/conversation/domain/delivery-status';
import type { Message } from '@modules/conversation/domain/message';
import { TWILIO_OUTSIDE_WINDOW } from '../domain/outbound-window';
import { isRetryableSendFailure } from '../domain/send-failure';
import { outboundTexts, PART_NOT_SENT } from '../domain/outbound-text';
import { OutboundGate, SendPlan } from './outbound-gate';
import { AcceptedSendLedger } from './ports/accepted-send-ledger.port';
import { OutboundSend, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
import { SendingAccountResolver } from './sending-account-resolver';

/** Stored as the message's error code when its number is disabled (Twilio's own codes are numeric). */
export const NUMBER_DISABLED = 'NUMBER_DISABLED';

export interface SendCommand {
  tenantId: string;
  messageId: string;
  /** False on the job's last attempt: a transient failure then becomes a final one. */
  mayRetry: boolean;
}

/** Delivers a stored outbound message through Twilio, at most once per message. */
@Injectable()
export class SendWhatsappMessage {
  private readonly logger = new Logger(SendWhatsappMessage.name);

  constructor(
    private readonly delivery: MessageDelivery,
    private readonly accounts: SendingAccountResolver,
    private readonly twilio: TwilioMessaging,
    private readonly ledger: AcceptedSendLedger,
    private readonly gate: OutboundGate,
  ) {}

  async execute(command: SendCommand): Promise<void> {
    const { tenantId, messageId } = command;
    const message = await this.delivery.outbound(tenantId, messageId);
    // A part of a long message is sent only by its parent's job, in order.
    if (!message || message.parentMessageId || message.providerSid || message.status !== 'pending') return;

    const accepted = await this.ledger.find(messageId);
    if (accepted) return this.delivery.record(tenantId, messageId, { status: toStatus(accepted.status), providerSid: accepted.sid });

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
    try {
      await this.sendAndRecord(command, outbound);
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      // Twilio knows the window better than our clock: a free-form refusal is retried once as the template.
      if (error.twilioCode === TWILIO_OUTSIDE_WINDOW && !outbound.template) return this.retryAsTemplate(command, outbound, error);
      await this.failed(command, error);
    }
  }

  /** A body over WhatsApp's limit goes out as ordered parts, one after the other; a retried job skips the parts already accepted. */
  private async sendParts(command: SendCommand, message: Message, outbound: OutboundSend, texts: string[]): Promise<void> {
    const parts = await this.delivery.parts(message, texts);
    for (const [i, part] of parts.entries()) {
      if (isDeliveryFailure(part.status)) return this.abandon(command.tenantId, parts.slice(i + 1));
      if (part.providerSid || part.status !== 'pending') continue;
      const accepted = await this.ledger.find(part.id);
      if (accepted) {
        await this.delivery.record(command.tenantId, part.id, { status: toStatus(accepted.status), providerSid: accepted.sid });
        continue;
      }
      const partCommand = { ...command, messageId: part.id };
      try {
        await this.sendAndRecord(partCommand, { ...outbound, body: part.body });
      } catch (error) {
        if (!(error instanceof TwilioSendError)) throw error;
        await this.failed(partCommand, error);
        return this.abandon(command.tenantId, parts.slice(i + 1));
      }
    }
  }

  private async abandon(tenantId: string, parts: Message[]): Promise<void> {
    for (const part of parts) {
      await this.delivery.record(tenantId, part.id, { status: 'failed', errorCode: PART_NOT_SENT, errorMessage: 'Not sent: an earlier part of this message failed' });
    }
  }

  private async sendAndRecord(command: SendCommand, outbound: OutboundSend): Promise<void> {
    const result = await this.twilio.send(outbound);
    await this.ledger.remember(command.messageId, result);
    await this.delivery.record(command.tenantId, command.messageId, { status: toStatus(result.status), providerSid: result.sid });
    this.logger.log({ messageId: command.messageId, sid: result.sid }, 'message accepted by Twilio');
  }

  private async retryAsTemplate(command: SendCommand, outbound: OutboundSend, refusal: TwilioSendError): Promise<void> {
    const plan = await this.gate.afterWindowRefusal(command.tenantId, command.messageId);
    if (plan?.kind !== 'template') return this.failed(command, refusal);
    try {
      await this.sendAndRecord(command, { ...outbound, ...templateOf(plan) });
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
