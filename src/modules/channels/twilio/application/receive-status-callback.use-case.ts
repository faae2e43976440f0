import { Injectable, Logger } from '@nestjs/common';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isDeliveryFailure, toDeliveryStatus } from '@modules/conversation/domain/delivery-status';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { AcceptedSendLedger } from './ports/accepted-send-ledger.port';
import type { WebhookParams } from './ports/twilio-signature.validator.port';
import { singleParam, storableParams } from './storable-params';

export type StatusCallbackOutcome = 'recorded' | 'unknown_message' | 'ignored';

/**
 * Records a delivery status Twilio reported for a message the number sent. Callbacks come in any
 * order and may repeat: the status only moves forward, and each of sent, delivered and read keeps
 * the time it was first reported.
 */
@Injectable()
export class ReceiveStatusCallback {
  private readonly logger = new Logger(ReceiveStatusCallback.name);

  constructor(
    private readonly delivery: MessageDelivery,
    private readonly ledger: AcceptedSendLedger,
  ) {}

  /** The sid was checked when the callback was authenticated; the other fields are stored as they can be. */
  async execute(number: WhatsappNumber, form: WebhookParams, at = new Date()): Promise<StatusCallbackOutcome> {
    const params = storableParams(form);
    const single = (key: string) => singleParam(params, key).trim();
    const sid = single('MessageSid') || single('SmsSid');
    const status = toDeliveryStatus(single('MessageStatus') || single('SmsStatus'));
    if (!sid || !status) return 'ignored';
    const messageId = await this.messageFor(number.tenantId, sid);
    if (!messageId) {
      this.logger.warn({ sid, numberId: number.id }, 'status callback for a message this tenant did not send');
      return 'unknown_message';
    }
    const failure = isDeliveryFailure(status);
    const errorCode = single('ErrorCode');
    await this.delivery.record(number.tenantId, messageId, {
      status,
      providerSid: sid,
      at,
      ...(failure ? { errorCode: errorCode || null, errorMessage: single('ErrorMessage').slice(0, 1000) || null } : {}),
    });
    return 'recorded';
  }

  /** Twilio may call back before the send job stored the sid; the ledger knows it from the moment Twilio answered. */
  private async messageFor(tenantId: string, sid: string): Promise<string | null> {
    const stored = await this.delivery.findBySid(tenantId, sid);
    if (stored) return stored.id;
    const remembered = await this.ledger.messageFor(sid);
    if (!remembered) return null;
    return (await this.delivery.outbound(tenantId, remembered))?.id ?? null;
  }
}
