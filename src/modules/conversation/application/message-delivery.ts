import { Injectable } from '@nestjs/common';
import { fitToColumn, storableText } from '@core/text/storable-text';
import { MESSAGE_COLUMNS } from '../domain/message';
import type { Message } from '../domain/message';
import { ConversationNotifier } from './conversation-notifier';
import { DeliveryStore, DeliveryUpdate, LocatedMessage, SendAttempt } from './ports/delivery-store.port';
import { MessageRepository } from './ports/message.repository.port';

/** What the channel needs to deliver stored outbound messages and record the outcome. */
@Injectable()
export class MessageDelivery {
  constructor(
    private readonly messages: MessageRepository,
    private readonly store: DeliveryStore,
    private readonly notifier: ConversationNotifier,
  ) {}

  async outbound(tenantId: string, messageId: string): Promise<Message | null> {
    const message = await this.messages.findById(tenantId, messageId);
    return message?.direction === 'outbound' ? message : null;
  }

  /**
   * Records the outcome of a send or a status callback; the status only moves forward. A part's
   * change moves its parent (what staff see), and the consoles hear about it. A provider's error
   * code longer than its column is kept cut rather than lost with the status.
   */
  async record(tenantId: string, messageId: string, delivery: DeliveryUpdate): Promise<void> {
    const applied = await this.store.apply(tenantId, messageId, storableDelivery(delivery));
    if (!applied) return;
    if (applied.parentMessageId) {
      if (await this.store.refreshParent(tenantId, applied.parentMessageId)) await this.notifier.deliveryChanged(tenantId, applied.parentMessageId);
      return;
    }
    if (applied.changed || delivery.at) await this.notifier.deliveryChanged(tenantId, messageId);
  }

  /** The ordered parts a long message is sent as (stored on the first call). */
  parts(message: Message, bodies: string[]): Promise<Message[]> {
    return this.store.partsOf(message.tenantId, message.id, bodies);
  }

  /**
   * Records, before the call, that the message is being handed to the provider: a retry that finds
   * it must learn from the provider whether it arrived before sending it again. False when the
   * message is no longer pending, or another worker started an attempt since `previous`.
   */
  beginAttempt(tenantId: string, messageId: string, attempt: SendAttempt): Promise<boolean> {
    return this.store.beginAttempt(tenantId, messageId, attempt);
  }

  /** The provider refused the attempt (null: nothing is in flight any more), or its outcome stays unknown until `lookupAfter`. */
  settleAttempt(tenantId: string, messageId: string, lookupAfter: Date | null): Promise<void> {
    return this.store.settleAttempt(tenantId, messageId, lookupAfter);
  }

  findBySid(tenantId: string, providerSid: string): Promise<Message | null> {
    return this.store.findBySid(tenantId, providerSid);
  }

  /** Platform-wide, for authenticating a status callback from an unregistered sender: see DeliveryStore. */
  locateBySid(providerSid: string): Promise<LocatedMessage | null> {
    return this.store.locateBySid(providerSid);
  }
}

function storableDelivery(delivery: DeliveryUpdate): DeliveryUpdate {
  const { errorCode, errorMessage } = delivery;
  return {
    ...delivery,
    ...(errorCode ? { errorCode: fitToColumn(storableText(errorCode), MESSAGE_COLUMNS.errorCode) } : {}),
    ...(errorMessage ? { errorMessage: storableText(errorMessage) } : {}),
  };
}
