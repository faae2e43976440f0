import { Module } from '@nestjs/common';
import { SendWhatsappMessageProcessor } from './interface/send-whatsapp-message.processor';
import { TranscribeAudioProcessor } from './interface/transcribe-audio.processor';
import { TwilioChannelModule } from './twilio-channel.module';

/** Loaded only in processes that run jobs (APP_ROLE worker or all). */
@Module({ imports: [TwilioChannelModule], providers: [SendWhatsappMessageProcessor, TranscribeAudioProcessor] })
export class TwilioWorkerModule {}
