import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import { unclaimedNoticeText } from '../../domain/timer-messages';
import { ConversationMessenger } from '../conversation-messenger';
import { ConversationTimerStore } from '../ports/conversation-timer-store.port';
import type { UnclaimedNoticeTimer } from '../ports/conversation-timer-queue.port';
import { ConversationSettingsQueries } from '../settings/conversation-settings-queries';

/**
 * The unclaimed-notice timer fired: a customer still waiting, unassigned, in the queue for this
 * handoff is told so, once (the mark and the message are stored together); the chat stays queued.
 */
@Injectable()
export class SendUnclaimedNotice {
  constructor(
    private readonly uow: TenantTransaction,
    private readonly store: ConversationTimerStore,
    private readonly settings: ConversationSettingsQueries,
    private readonly messenger: ConversationMessenger,
  ) {}

  /** True when the notice was stored now. */
  async execute(timer: UnclaimedNoticeTimer): Promise<boolean> {
    const { tenantId, conversationId, correlationId } = timer;
    const settings = await this.settings.forTenant(tenantId);
    if (settings.unclaimedNoticeAfterSeconds === null) return false;
    const notice = await this.uow.run(tenantId, async () => {
      const waiting = await this.store.markUnclaimedNotified(tenantId, conversationId, timer.handoffAt);
      if (!waiting) return null;
      return this.store.storeSystemMessage({ tenantId, conversationId, body: unclaimedNoticeText(settings, waiting.customerText), correlationId });
    });
    if (notice) {
      await this.messenger.deliver(notice, correlationId);
      return true;
    }
    // A retry of a run that stored the notice but failed before the send queue took it.
    for (const unsent of await this.store.pendingSystemMessages(tenantId, conversationId, correlationId)) {
      await this.messenger.redispatch(tenantId, unsent.id, correlationId);
    }
    return false;
  }
}
