import { Injectable, Logger } from '@nestjs/common';
import { RecordInboundMessage } from '@modules/conversation/application/record-inbound-message.use-case';
import { phoneFromAddress } from '../domain/whatsapp-address';
import { numberStatus, WhatsappNumber } from '../domain/whatsapp-number';
import { AiJobQueue } from './ports/ai-job-queue.port';
import type { WebhookParams } from './ports/twilio-signature.validator.port';

/**
 * Ack-fast: store the message once, hand it to the worker, answer Twilio. No LLM, no send here.
 * A disabled number's messages are stored and marked handled, never handed to the worker.
 */
@Injectable()
export class ReceiveInboundMessage {
  private readonly logger = new Logger(ReceiveInboundMessage.name);

  constructor(
    private readonly record: RecordInboundMessage,
    private readonly queue: AiJobQueue,
  ) {}

  async execute(number: WhatsappNumber, params: WebhookParams, correlationId: string): Promise<'stored' | 'duplicate'> {
    const single = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : '');
    const from = single('From');
    const { messageId, admission } = await this.record.execute({
      tenantId: number.tenantId,
      whatsappNumberId: number.id,
      providerSid: single('MessageSid'),
      body: single('Body'),
      fromAddress: phoneFromAddress(from) ? from : from.slice(0, 64),
      toAddress: single('To'),
      correlationId,
      rawPayload: params,
    });
    if (admission.kind === 'duplicate' && !admission.requeue) {
      this.logger.log({ messageId }, 'duplicate delivery acknowledged and dropped');
      return 'duplicate';
    }
    if (numberStatus(number) === 'disabled') {
      await this.record.leaveUnanswered(number.tenantId, messageId);
      this.logger.log({ messageId, numberId: number.id }, 'stored without an answer: the number is disabled');
      return admission.kind === 'new' ? 'stored' : 'duplicate';
    }
    await this.queue.enqueue({ tenantId: number.tenantId, inboundMessageId: messageId, correlationId });
    return admission.kind === 'new' ? 'stored' : 'duplicate';
  }
}
