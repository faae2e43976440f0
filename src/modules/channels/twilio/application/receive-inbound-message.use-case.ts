import { Injectable, Logger } from '@nestjs/common';
import { RecordInboundMessage } from '@modules/conversation/application/record-inbound-message.use-case';
import { readInboundContent } from '../domain/inbound-content';
import { numberStatus, WhatsappNumber } from '../domain/whatsapp-number';
import { ApplyConsentKeyword } from './apply-consent-keyword.use-case';
import { ChannelSettingsQueries } from './channel-settings-queries';
import { InboundFlowControl } from './inbound-flow-control';
import { TranscriptionQueue } from './ports/transcription-queue.port';
import type { WebhookParams } from './ports/twilio-signature.validator.port';
import { singleParam, storableParams } from './storable-params';

/**
 * Ack-fast: store the message once, hand it to the worker, answer Twilio. No LLM, no send here.
 * A disabled number's messages are stored and marked handled, never handed to the worker.
 */
@Injectable()
export class ReceiveInboundMessage {
  private readonly logger = new Logger(ReceiveInboundMessage.name);

  constructor(
    private readonly record: RecordInboundMessage,
    private readonly flow: InboundFlowControl,
    private readonly transcriptions: TranscriptionQueue,
    private readonly consent: ApplyConsentKeyword,
    private readonly settings: ChannelSettingsQueries,
  ) {}

  /** `form` is the webhook's form as Twilio sent it (and signed it). */
  async execute(number: WhatsappNumber, form: WebhookParams, correlationId: string): Promise<'stored' | 'duplicate'> {
    // Stored as it can be (no NUL bytes, no lone surrogates); the sid is checked as sent, so a NUL in it is still a 400.
    const params = storableParams(form);
    const single = (key: string) => singleParam(params, key);
    const { body, content } = readInboundContent(single);
    const fromAddress = single('From');
    const { messageId, admission } = await this.record.execute({
      tenantId: number.tenantId,
      whatsappNumberId: number.id,
      providerSid: singleParam(form, 'MessageSid'),
      body,
      content,
      fromAddress,
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
    // Read once: the consent keywords, the contact's inbound limit and the burst window all come from it.
    const settings = await this.settings.forTenant(number.tenantId);
    const consent = await this.consent.execute({ tenantId: number.tenantId, messageId, phoneNumber: fromAddress.replace(/^whatsapp:/, ''), body, correlationId }, settings);
    if (consent === 'answered_here') return admission.kind === 'new' ? 'stored' : 'duplicate';
    const job = { tenantId: number.tenantId, inboundMessageId: messageId, correlationId };
    // Over the contact's inbound limit: stored and shown to the team, never answered (a Twilio retry is not counted again).
    if (admission.kind === 'new' && (await this.flow.throttle(number, fromAddress, job, settings))) return 'stored';
    // A voice note reaches the AI once transcribed; text waits for the rest of the customer's burst.
    await (content.kind === 'audio' ? this.transcriptions.enqueue(job) : this.flow.answerAfterBurst(number, fromAddress, job, settings));
    return admission.kind === 'new' ? 'stored' : 'duplicate';
  }
}
