import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUES } from './queue-names';

/** Redis connection and the queues, with default retry policy (exponential backoff). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        redis: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        defaultJobOptions: {
          attempts: config.QUEUE_ATTEMPTS,
          backoff: { type: 'exponential', delay: config.QUEUE_BACKOFF_MS },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      }),
    }),
    BullModule.registerQueue({ name: QUEUES.processAiResponse }, { name: QUEUES.sendWhatsappMessage }, { name: QUEUES.conversationTimers }, { name: QUEUES.summarizeConversation }, { name: QUEUES.transcribeAudio }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
