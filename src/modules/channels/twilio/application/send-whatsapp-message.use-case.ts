import { Injectable, Logger } from '@nestjs/common';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isRetryableSendFailure } from '../domain/send-failure';
import { AcceptedSendLedger } from './ports/accepted-send-ledger.port';
import { TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
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
  ) {}

  async execute(command: SendCommand): Promise<void> {
    const { tenantId, messageId } = command;
    const message = await this.delivery.outbound(tenantId, messageId);
    if (!message || message.providerSid || message.status !== 'pending') return;

    const accepted = await this.ledger.find(messageId);
    if (accepted) return this.delivery.record(tenantId, messageId, { status: toStatus(accepted.status), providerSid: accepted.sid });

    const sender = await this.accounts.forNumber(tenantId, message.whatsappNumberId);
    if (sender.status === 'missing') return this.delivery.record(tenantId, messageId, { status: 'failed', errorMessage: 'sending number no longer exists' });
    if (sender.status === 'disabled') {
      this.logger.warn({ messageId, numberId: message.whatsappNumberId }, 'not sent: the sending number is disabled');
      return this.delivery.record(tenantId, messageId, { status: 'failed', errorCode: NUMBER_DISABLED, errorMessage: 'The sending WhatsApp number is disabled; enable it to send from it' });
    }

    try {
      const result = await this.twilio.send({
        ...sender.account,
        from: message.fromAddress,
        to: message.toAddress,
        body: message.body,
      });
      await this.ledger.remember(messageId, result);
      await this.delivery.record(tenantId, messageId, { status: toStatus(result.status), providerSid: result.sid });
      this.logger.log({ messageId, sid: result.sid }, 'message accepted by Twilio');
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      if (isRetryableSendFailure(error.httpStatus) && command.mayRetry) throw error;
      this.logger.warn({ messageId, httpStatus: error.httpStatus, code: error.twilioCode }, 'message failed for good');
      await this.delivery.record(tenantId, messageId, {
        status: 'failed',
        errorCode: error.twilioCode !== undefined ? String(error.twilioCode) : error.httpStatus !== undefined ? `HTTP_${error.httpStatus}` : 'NETWORK',
        errorMessage: error.message.slice(0, 1000),
      });
    }
  }
}

const KNOWN = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;
function toStatus(status: string): (typeof KNOWN)[number] {
  return (KNOWN as readonly string[]).includes(status) ? (status as (typeof KNOWN)[number]) : 'queued';
}
