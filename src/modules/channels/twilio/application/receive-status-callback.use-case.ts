import { Injectable, Logger } from '@nestjs/common';
import { MessageDelivery } from '@modules/conversation/application/message-delivery';
import { isDeliveryFailure, toDeliveryStatus } from '@modules/conversation/domain/delivery-status';
import type { Message } from '@modules/conversation/domain/message';
import type { WhatsappNumber } from '../domain/whatsapp-number';
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

  constructor(private readonly delivery: MessageDelivery) {}

  /**
   * The sid was checked when the callback was authenticated; the other fields are stored as they can be.
   * `messageId` is the message the callback URL names (sends since callbacks carry it).
   */
  async execute(number: WhatsappNumber, form: WebhookParams, at = new Date(), messageId: string | null = null): Promise<StatusCallbackOutcome> {
    const params = storableParams(form);
    const single = (key: string) => singleParam(params, key).trim();
    const sid = single('MessageSid') || single('SmsSid');
    const status = toDeliveryStatus(single('MessageStatus') || single('SmsStatus'));
    if (!sid || !status) return 'ignored';
    const message = (await this.delivery.findBySid(number.tenantId, sid)) ?? (await this.named(number, messageId, single));
    if (!message) {
      this.logger.warn({ sid, numberId: number.id, messageId }, 'status callback for a message this tenant did not send');
      return 'unknown_message';
    }
    const failure = isDeliveryFailure(status);
    const errorCode = single('ErrorCode');
    await this.delivery.record(number.tenantId, message.id, {
      status,
      providerSid: sid,
      at,
      ...(failure ? { errorCode: errorCode || null, errorMessage: single('ErrorMessage').slice(0, 1000) || null } : {}),
    });
    return 'recorded';
  }

  /**
   * The message the URL names, when this callback is the first word of its sid: a send that timed
   * out although Twilio accepted it, or a callback that beat the send job. It must be this number's
   * message, to the callback's To, from its From, and have no other sid. (A Messaging Service's
   * sender that Atende does not know is not found this way: the send's retry finds it in Twilio's list.)
   */
  private async named(number: WhatsappNumber, messageId: string | null, single: (key: string) => string): Promise<Message | null> {
    const message = messageId ? await this.delivery.outbound(number.tenantId, messageId) : null;
    if (!message || message.providerSid || message.whatsappNumberId !== number.id) return null;
    return message.toAddress === single('To') && message.fromAddress === single('From') ? message : null;
  }
}
