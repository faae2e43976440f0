import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationModule } from '@modules/conversation/conversation.module';
import { IdentityModule } from '@modules/identity/identity.module';
import { ChannelSettingsQueries } from './application/channel-settings-queries';
import { AuthenticateTwilioWebhook } from './application/authenticate-webhook.use-case';
import { DeleteWhatsappNumber } from './application/delete-whatsapp-number.use-case';
import { AiJobQueue } from './application/ports/ai-job-queue.port';
import { SandboxOutbox } from './application/ports/sandbox-outbox.port';
import { TwilioSignatureValidator } from './application/ports/twilio-signature.validator.port';
import { WebhookPoster } from './application/ports/webhook-poster.port';
import { WhatsappNumberRepository } from './application/ports/whatsapp-number.repository.port';
import { ReceiveInboundMessage } from './application/receive-inbound-message.use-case';
import { RegisterWhatsappNumber } from './application/register-whatsapp-number.use-case';
import { AcceptSandboxSend, ReadSandboxReplies, SandboxNumbers, SimulateInboundMessage } from './application/sandbox.use-cases';
import { SendAttempts } from './application/send-attempts';
import { SendWhatsappMessage } from './application/send-whatsapp-message.use-case';
import { SendingAccountResolver } from './application/sending-account-resolver';
import { SetWhatsappNumberStatus } from './application/set-whatsapp-number-status.use-case';
import { UpdateWhatsappNumber } from './application/update-whatsapp-number.use-case';
import { WhatsappNumberQueries } from './application/whatsapp-number-queries';
import { BullAiJobQueue } from './infrastructure/bull-ai-job.queue';
import { InboundFlowControl } from './application/inbound-flow-control';
import { InboundRateCounter } from './application/ports/inbound-rate-counter.port';
import { RedisInboundRateCounter } from './infrastructure/redis-inbound-rate.counter';
import { BullTranscriptionQueue } from './infrastructure/bull-transcription.queue';
import { HttpMediaFetcher } from './infrastructure/http-media.fetcher';
import { OpenAiWhisperTranscriber } from './infrastructure/openai-whisper.transcriber';
import { MediaDownloader } from './application/media-downloader';
import { MediaFetcher } from './application/ports/media-fetcher.port';
import { Transcriber } from './application/ports/transcriber.port';
import { TranscriptionQueue } from './application/ports/transcription-queue.port';
import { TranscribeVoiceNote } from './application/transcribe-voice-note.use-case';
import { VoiceNoteFallback } from './application/voice-note-fallback';
import { FetchWebhookPoster } from './infrastructure/fetch-webhook.poster';
import { SandboxMessageOrmEntity } from './infrastructure/sandbox-message.orm-entity';
import { SandboxMessagesPersonalData } from './infrastructure/sandbox-personal-data.source';
import { TwilioSdkSignatureValidator } from './infrastructure/twilio-sdk-signature.validator';
import { OUTBOUND_DELIVERY_PROVIDERS } from './infrastructure/outbound-delivery.providers';
import { TwilioStatusController } from './interface/twilio-status.controller';
import { TypeOrmSandboxOutbox } from './infrastructure/typeorm-sandbox.outbox';
import { TypeOrmWhatsappNumberRepository } from './infrastructure/typeorm-whatsapp-number.repository';
import { WhatsappNumberOrmEntity } from './infrastructure/whatsapp-number.orm-entity';
import { SandboxTwilioApiController } from './interface/sandbox-twilio-api.controller';
import { SandboxController } from './interface/sandbox.controller';
import { TwilioSignatureGuard } from './interface/twilio-signature.guard';
import { TwilioWebhookController } from './interface/twilio-webhook.controller';
import { WhatsappNumbersController } from './interface/whatsapp-numbers.controller';
import { WhatsappNumberLifecycleController } from './interface/whatsapp-number-lifecycle.controller';
import { ChannelOutboundPolicy } from './application/channel-outbound-policy';
import { OUTBOUND_POLICY_PROVIDERS } from './infrastructure/outbound-policy.providers';
import { ChannelSettingsController } from './interface/channel-settings.controller';
import { WhatsappTemplatesController } from './interface/whatsapp-templates.controller';

@Module({
  imports: [TypeOrmModule.forFeature([WhatsappNumberOrmEntity, SandboxMessageOrmEntity]), ConversationModule, IdentityModule],
  controllers: [TwilioWebhookController, TwilioStatusController, WhatsappNumbersController, WhatsappNumberLifecycleController, SandboxController, SandboxTwilioApiController, WhatsappTemplatesController, ChannelSettingsController],
  providers: [
    { provide: WhatsappNumberRepository, useClass: TypeOrmWhatsappNumberRepository },
    { provide: TwilioSignatureValidator, useClass: TwilioSdkSignatureValidator },
    ...OUTBOUND_DELIVERY_PROVIDERS,
    { provide: AiJobQueue, useClass: BullAiJobQueue },
    { provide: InboundRateCounter, useClass: RedisInboundRateCounter },
    InboundFlowControl,
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
    SendAttempts,
    SandboxNumbers,
    SimulateInboundMessage,
    AcceptSandboxSend,
    ReadSandboxReplies,
    ChannelSettingsQueries,
    ...OUTBOUND_POLICY_PROVIDERS,
    { provide: MediaFetcher, useClass: HttpMediaFetcher },
    { provide: Transcriber, useClass: OpenAiWhisperTranscriber },
    { provide: TranscriptionQueue, useClass: BullTranscriptionQueue },
    MediaDownloader,
    VoiceNoteFallback,
    TranscribeVoiceNote,
  ],
  exports: [RegisterWhatsappNumber, SendWhatsappMessage, ChannelSettingsQueries, TranscribeVoiceNote, ChannelOutboundPolicy],
})
export class TwilioChannelModule {}
