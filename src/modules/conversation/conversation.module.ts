import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@modules/identity/identity.module';
import { AnswerInboundMessage } from './application/answer-inbound-message.use-case';
import { AnswerWithNotice } from './application/answer-with-notice.use-case';
import { AnswerUnreadableAudio } from './application/answer-unreadable-audio.use-case';
import { InboundTranscripts } from './application/inbound-transcripts';
import { ConversationQueries } from './application/conversation-queries';
import { MessageDelivery } from './application/message-delivery';
import { ContactHistory } from './application/ports/contact-history.port';
import { ConversationRepository } from './application/ports/conversation.repository.port';
import { MessageRepository } from './application/ports/message.repository.port';
import { DeliveryStore } from './application/ports/delivery-store.port';
import { TypeOrmDeliveryStore } from './infrastructure/typeorm-delivery.store';
import { NumberHistory } from './application/ports/number-history.port';
import { OutboundDispatcher } from './application/ports/outbound-dispatcher.port';
import { RecordInboundMessage } from './application/record-inbound-message.use-case';
import { ConversationLocator } from './application/conversation-locator';
import { HandOffConversation } from './application/hand-off-conversation';
import { AiQuota } from './application/ports/ai-quota.port';
import { ReplyPublisher } from './application/reply-publisher';
import { UsageMeterAiQuota } from './infrastructure/usage-meter.ai-quota';
import { BullOutboundDispatcher } from './infrastructure/bull-outbound.dispatcher';
import { ConversationEventsPersonalData, ConversationsPersonalData, MessagesPersonalData } from './infrastructure/conversation-personal-data.sources';
import { ConversationOrmEntity } from './infrastructure/conversation.orm-entity';
import { MessageOrmEntity } from './infrastructure/message.orm-entity';
import { TypeOrmContactHistory } from './infrastructure/typeorm-contact-history';
import { TypeOrmConversationRepository } from './infrastructure/typeorm-conversation.repository';
import { TypeOrmMessageRepository } from './infrastructure/typeorm-message.repository';
import { TypeOrmNumberHistory } from './infrastructure/typeorm-number-history';
import { ConversationsController } from './interface/conversations.controller';
import { ConversationActionsController } from './interface/conversation-actions.controller';
import { ConversationAssignmentController } from './interface/conversation-assignment.controller';
import { ConversationNotesController } from './interface/conversation-notes.controller';
import { AGENT_WORK_PROVIDERS } from './infrastructure/agent-work.providers';
import { ConversationSettingsController } from './interface/conversation-settings.controller';
import { CONVERSATION_SETTINGS_AND_TIMER_PROVIDERS } from './infrastructure/timers/conversation-timers.providers';
import { SendUnclaimedNotice } from './application/timers/send-unclaimed-notice.use-case';
import { SweepInactiveConversations } from './application/timers/sweep-inactive-conversations.use-case';
import { AgentConnections } from './application/ports/agent-connections.port';
import { AgentPresence } from './application/ports/agent-presence.port';
import { LiveUpdates } from './application/ports/live-updates.port';
import { LiveRedisConnection } from './infrastructure/live/live-redis.connection';
import { RedisAgentPresence } from './infrastructure/live/redis-agent-presence';
import { RedisEmitterLiveUpdates } from './infrastructure/live/redis-emitter.live-updates';
import { ConversationRunLock } from './application/ports/conversation-run-lock.port';
import { RedisConversationRunLock } from './infrastructure/redis-conversation-run.lock';
import { LeaveThrottledInbound } from './application/leave-throttled-inbound.use-case';
import { MessageJobs } from './application/ports/message-jobs.port';
import { UnfinishedMessages } from './application/ports/unfinished-messages.port';
import { ReconcileMessages } from './application/reconcile-messages.use-case';
import { BullMessageJobs } from './infrastructure/bull-message.jobs';
import { MessageBacklogReporting } from './infrastructure/message-backlog.reporting';
import { TypeOrmUnfinishedMessages } from './infrastructure/typeorm-unfinished-messages';

/**
 * Conversations and messages. AnswerInboundMessage needs an AiResponder, which the ai module
 * provides globally at boot, so this module never imports ai.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ConversationOrmEntity, MessageOrmEntity]), IdentityModule],
  controllers: [ConversationsController, ConversationActionsController, ConversationAssignmentController, ConversationNotesController, ConversationSettingsController],
  providers: [
    { provide: ConversationRepository, useClass: TypeOrmConversationRepository },
    { provide: MessageRepository, useClass: TypeOrmMessageRepository },
    { provide: DeliveryStore, useClass: TypeOrmDeliveryStore },
    { provide: NumberHistory, useClass: TypeOrmNumberHistory },
    { provide: OutboundDispatcher, useClass: BullOutboundDispatcher },
    { provide: AiQuota, useClass: UsageMeterAiQuota },
    ConversationLocator,
    ReplyPublisher,
    HandOffConversation,
    { provide: ContactHistory, useClass: TypeOrmContactHistory },
    ConversationsPersonalData,
    ConversationEventsPersonalData,
    MessagesPersonalData,
    RecordInboundMessage,
    AnswerInboundMessage,
    AnswerWithNotice,
    { provide: ConversationRunLock, useClass: RedisConversationRunLock },
    LeaveThrottledInbound,
    AnswerUnreadableAudio,
    InboundTranscripts,
    ConversationQueries,
    MessageDelivery,
    LiveRedisConnection,
    { provide: LiveUpdates, useClass: RedisEmitterLiveUpdates },
    RedisAgentPresence,
    { provide: AgentPresence, useExisting: RedisAgentPresence },
    { provide: AgentConnections, useExisting: RedisAgentPresence },
    ...CONVERSATION_SETTINGS_AND_TIMER_PROVIDERS,
    ...AGENT_WORK_PROVIDERS,
    { provide: UnfinishedMessages, useClass: TypeOrmUnfinishedMessages },
    { provide: MessageJobs, useClass: BullMessageJobs },
    ReconcileMessages,
    MessageBacklogReporting,
  ],
  exports: [RecordInboundMessage, LeaveThrottledInbound, AnswerInboundMessage, AnswerWithNotice, AnswerUnreadableAudio, InboundTranscripts, MessageDelivery, NumberHistory, ContactHistory, AgentConnections, SendUnclaimedNotice, SweepInactiveConversations, ReconcileMessages],
})
export class ConversationModule {}
