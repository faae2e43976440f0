import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUES } from './queue-names';

/** Bull's own reconnect waits grow to 20 s; capped here so workers resume soon after Redis is back. */
const RECONNECT_MAX_MS = 2000;

/**
 * Redis connection and the queues, with default retry policy (exponential backoff). Short locks and
 * a frequent stalled check bring a job whose worker died back within about 12 s (Bull's defaults:
 * about 65 s); a running job renews its lock for as long as its process lives, however long it runs.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        redis: { retryStrategy: (times: number) => Math.min(50 * 2 ** times, RECONNECT_MAX_MS) },
        url: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        settings: {
          lockDuration: config.QUEUE_LOCK_DURATION_MS,
          lockRenewTime: config.QUEUE_LOCK_RENEW_MS,
          stalledInterval: config.QUEUE_STALLED_INTERVAL_MS,
          maxStalledCount: config.QUEUE_MAX_STALLED_COUNT,
        },
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
