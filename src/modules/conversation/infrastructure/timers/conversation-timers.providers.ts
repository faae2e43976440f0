import type { Provider } from '@nestjs/common';
import { ConversationSettingsRepository } from '../../application/ports/conversation-settings.repository.port';
import { ConversationTimerQueue } from '../../application/ports/conversation-timer-queue.port';
import { ConversationTimerStore } from '../../application/ports/conversation-timer-store.port';
import { ConversationSettingsQueries } from '../../application/settings/conversation-settings-queries';
import { UpdateConversationSettings } from '../../application/settings/update-conversation-settings.use-case';
import { ApplyInactivityTimer } from '../../application/timers/apply-inactivity-timer.use-case';
import { ScheduleUnclaimedNotice } from '../../application/timers/schedule-unclaimed-notice';
import { SendUnclaimedNotice } from '../../application/timers/send-unclaimed-notice.use-case';
import { SweepInactiveConversations } from '../../application/timers/sweep-inactive-conversations.use-case';
import { TypeOrmConversationSettingsRepository } from '../settings/typeorm-conversation-settings.repository';
import { BullConversationTimerQueue } from './bull-conversation-timer.queue';
import { TypeOrmConversationTimerStore } from './typeorm-conversation-timer.store';

/** Per-tenant conversation settings and the timers that follow them (unclaimed notice, inactivity). */
export const CONVERSATION_SETTINGS_AND_TIMER_PROVIDERS: Provider[] = [
  { provide: ConversationSettingsRepository, useClass: TypeOrmConversationSettingsRepository },
  ConversationSettingsQueries,
  UpdateConversationSettings,
  { provide: ConversationTimerQueue, useClass: BullConversationTimerQueue },
  { provide: ConversationTimerStore, useClass: TypeOrmConversationTimerStore },
  ScheduleUnclaimedNotice,
  SendUnclaimedNotice,
  ApplyInactivityTimer,
  SweepInactiveConversations,
];
