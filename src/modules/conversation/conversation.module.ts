import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@modules/identity/identity.module';
import { AnswerInboundMessage } from './application/answer-inbound-message.use-case';
import { ConversationQueries } from './application/conversation-queries';
import { MessageDelivery } from './application/message-delivery';
import { ConversationRepository } from './application/ports/conversation.repository.port';
import { MessageRepository } from './application/ports/message.repository.port';
import { OutboundDispatcher } from './application/ports/outbound-dispatcher.port';
import { RecordInboundMessage } from './application/record-inbound-message.use-case';
import { BullOutboundDispatcher } from './infrastructure/bull-outbound.dispatcher';
import { ConversationOrmEntity } from './infrastructure/conversation.orm-entity';
import { MessageOrmEntity } from './infrastructure/message.orm-entity';
import { TypeOrmConversationRepository } from './infrastructure/typeorm-conversation.repository';
import { TypeOrmMessageRepository } from './infrastructure/typeorm-message.repository';
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
    { provide: OutboundDispatcher, useClass: BullOutboundDispatcher },
    RecordInboundMessage,
    AnswerInboundMessage,
    ConversationQueries,
    MessageDelivery,
  ],
  exports: [RecordInboundMessage, AnswerInboundMessage, MessageDelivery],
})
export class ConversationModule {}
