import { Injectable, Logger } from '@nestjs/common';
import { RequestContextStore } from '@core/logging/request-context';
import type { ConversationSettings } from '../../domain/conversation-settings';
import type { InactivityAction } from '../../domain/inactivity';
import { ConversationTimerStore, IdleCandidate } from '../ports/conversation-timer-store.port';
import { ConversationSettingsQueries } from '../settings/conversation-settings-queries';
import { ApplyInactivityTimer } from './apply-inactivity-timer.use-case';

const BATCH_SIZE = 200;

/**
 * One pass of the inactivity timer over every tenant: pages through the open conversations past
 * their tenant's follow-up or close time and settles each in its own tenant transaction. One
 * conversation failing is logged and skipped; the next pass tries it again.
 */
@Injectable()
export class SweepInactiveConversations {
  private readonly logger = new Logger(SweepInactiveConversations.name);

  constructor(
    private readonly store: ConversationTimerStore,
    private readonly settings: ConversationSettingsQueries,
    private readonly timer: ApplyInactivityTimer,
  ) {}

  async execute(now = new Date()): Promise<Record<InactivityAction, number>> {
    const counts: Record<InactivityAction, number> = { nothing: 0, follow_up: 0, close: 0 };
    const settingsByTenant = new Map<string, ConversationSettings>();
    let cursor: string | null = null;
    for (;;) {
      const page = await this.store.findIdle(cursor, BATCH_SIZE);
      for (const candidate of page) {
        const action = await this.settle(candidate, settingsByTenant, now);
        if (action) counts[action] += 1;
      }
      if (page.length < BATCH_SIZE) break;
      cursor = page[page.length - 1].cursor;
    }
    if (counts.follow_up + counts.close > 0) this.logger.log({ ...counts }, 'inactivity sweep done');
    return counts;
  }

  private async settle(candidate: IdleCandidate, settingsByTenant: Map<string, ConversationSettings>, now: Date): Promise<InactivityAction | null> {
    const { tenantId, conversationId } = candidate;
    const correlationId = RequestContextStore.newCorrelationId();
    try {
      return await RequestContextStore.run({ correlationId, tenantId }, async () => {
        const settings = settingsByTenant.get(tenantId) ?? (await this.settings.forTenant(tenantId));
        settingsByTenant.set(tenantId, settings);
        return this.timer.execute({ tenantId, conversationId, settings, now, correlationId });
      });
    } catch (error) {
      this.logger.error({ tenantId, conversationId, err: error }, 'inactivity timer failed for a conversation');
      return null;
    }
  }
}
