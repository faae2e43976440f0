import { Injectable, Logger } from '@nestjs/common';
import { RequestContextStore } from '@core/logging/request-context';
import { ConversationTimerQueue } from '../ports/conversation-timer-queue.port';
import { ConversationSettingsQueries } from '../settings/conversation-settings-queries';

/** Arms the tenant's unclaimed notice for a conversation that just entered HANDOFF_PENDING. */
@Injectable()
export class ScheduleUnclaimedNotice {
  private readonly logger = new Logger(ScheduleUnclaimedNotice.name);

  constructor(
    private readonly settings: ConversationSettingsQueries,
    private readonly timers: ConversationTimerQueue,
  ) {}

  /**
   * Never throws: the handoff already happened, and a missing notice must not undo or repeat it.
   * The delay is the tenant's setting now; changing the setting later does not move armed notices.
   */
  async schedule(tenantId: string, conversationId: string, handoffAt: Date): Promise<void> {
    try {
      const { unclaimedNoticeAfterSeconds } = await this.settings.forTenant(tenantId);
      if (unclaimedNoticeAfterSeconds === null) return;
      const delayMs = Math.max(0, handoffAt.getTime() + unclaimedNoticeAfterSeconds * 1000 - Date.now());
      await this.timers.scheduleUnclaimedNotice({ tenantId, conversationId, handoffAt, correlationId: RequestContextStore.correlationId() }, delayMs);
    } catch (error) {
      this.logger.error({ conversationId, err: error }, 'could not schedule the unclaimed notice');
    }
  }
}
