import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationModule } from '@modules/conversation/conversation.module';
import { IdentityModule } from '@modules/identity/identity.module';
import { ChannelSettingsQueries } from './application/channel-settings-queries';
import { AuthenticateTwilioWebhook } from './application/authenticate-webhook.use-case';
import { DeleteWhatsappNumber } from './application/delete-whatsapp-number.use-case';
import { AcceptedSendLedger } from './application/ports/accepted-send-ledger.port';
import { AiJobQueue } from './application/ports/ai-job-queue.port';
import { SandboxOutbox } from './application/ports/sandbox-outbox.port';
import { TwilioMessaging } from './application/ports/twilio-messaging.port';
import { TwilioSignatureValidator } from './application/ports/twilio-signature.validator.port';
import { WebhookPoster } from './application/ports/webhook-poster.port';
import { WhatsappNumberRepository } from './application/ports/whatsapp-number.repository.port';
import { ReceiveInboundMessage } from './application/receive-inbound-message.use-case';
import { RegisterWhatsappNumber } from './application/register-whatsapp-number.use-case';
import { AcceptSandboxSend, ReadSandboxReplies, SandboxNumbers, SimulateInboundMessage } from './application/sandbox.use-cases';
import { SendWhatsappMessage } from './application/send-whatsapp-message.use-case';
import { SendingAccountResolver } from './application/sending-account-resolver';
import { SetWhatsappNumberStatus } from './application/set-whatsapp-number-status.use-case';
import { UpdateWhatsappNumber } from './application/update-whatsapp-number.use-case';
import { WhatsappNumberQueries } from './application/whatsapp-number-queries';
import { BullAiJobQueue } from './infrastructure/bull-ai-job.queue';
import { FetchWebhookPoster } from './infrastructure/fetch-webhook.poster';
import { RedisAcceptedSendLedger } from './infrastructure/redis-accepted-send.ledger';
import { SandboxMessageOrmEntity } from './infrastructure/sandbox-message.orm-entity';
import { SandboxMessagesPersonalData } from './infrastructure/sandbox-personal-data.source';
import { TwilioSdkSignatureValidator } from './infrastructure/twilio-sdk-signature.validator';
import { TwilioSdkMessaging } from './infrastructure/twilio-sdk.messaging';
import { TypeOrmSandboxOutbox } from './infrastructure/typeorm-sandbox.outbox';
import { TypeOrmWhatsappNumberRepository } from './infrastructure/typeorm-whatsapp-number.repository';
import { WhatsappNumberOrmEntity } from './infrastructure/whatsapp-number.orm-entity';
import { SandboxTwilioApiController } from './interface/sandbox-twilio-api.controller';
import { SandboxController } from './interface/sandbox.controller';
import { TwilioSignatureGuard } from './interface/twilio-signature.guard';
import { TwilioWebhookController } from './interface/twilio-webhook.controller';
import { WhatsappNumbersController } from './interface/whatsapp-numbers.controller';
import { WhatsappNumberLifecycleController } from './interface/whatsapp-number-lifecycle.controller';

@Module({
  imports: [TypeOrmModule.forFeature([WhatsappNumberOrmEntity, SandboxMessageOrmEntity]), ConversationModule, IdentityModule],
  controllers: [TwilioWebhookController, WhatsappNumbersController, WhatsappNumberLifecycleController, SandboxController, SandboxTwilioApiController],
  providers: [
    { provide: WhatsappNumberRepository, useClass: TypeOrmWhatsappNumberRepository },
    { provide: TwilioSignatureValidator, useClass: TwilioSdkSignatureValidator },
    { provide: TwilioMessaging, useClass: TwilioSdkMessaging },
    { provide: AcceptedSendLedger, useClass: RedisAcceptedSendLedger },
    { provide: AiJobQueue, useClass: BullAiJobQueue },
    { provide: SandboxOutbox, useClass: TypeOrmSandboxOutbox },
    SandboxMessagesPersonalData,
    { provide: WebhookPoster, useClass: FetchWebhookPoster },
    AuthenticateTwilioWebhook,
    TwilioSignatureGuard,
    ReceiveInboundMessage,
    RegisterWhatsappNumber,
    WhatsappNumberQueries,
    UpdateWhatsappNumber,
    SetWhatsappNumberStatus,
    DeleteWhatsappNumber,
    SendingAccountResolver,
    SendWhatsappMessage,
    SandboxNumbers,
    SimulateInboundMessage,
    AcceptSandboxSend,
    ReadSandboxReplies,
    ChannelSettingsQueries,
  ],
  exports: [RegisterWhatsappNumber, SendWhatsappMessage, ChannelSettingsQueries],
})
export class TwilioChannelModule {}
