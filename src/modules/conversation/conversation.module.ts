import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@modules/identity/identity.module';
import { AnswerInboundMessage } from './application/answer-inbound-message.use-case';
import { ConversationQueries } from './application/conversation-queries';
import { MessageDelivery } from './application/message-delivery';
import { ContactHistory } from './application/ports/contact-history.port';
import { ConversationRepository } from './application/ports/conversation.repository.port';
import { MessageRepository } from './application/ports/message.repository.port';
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

/**
 * Conversations and messages. AnswerInboundMessage needs an AiResponder, which the ai module
 * provides globally at boot, so this module never imports ai.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ConversationOrmEntity, MessageOrmEntity]), IdentityModule],
  controllers: [ConversationsController],
  providers: [
    { provide: ConversationRepository, useClass: TypeOrmConversationRepository },
    { provide: MessageRepository, useClass: TypeOrmMessageRepository },
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
    ConversationQueries,
    MessageDelivery,
  ],
  exports: [RecordInboundMessage, AnswerInboundMessage, MessageDelivery, NumberHistory, ContactHistory],
})
export class ConversationModule {}
