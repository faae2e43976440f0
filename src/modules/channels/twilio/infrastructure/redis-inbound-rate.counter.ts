import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { RedisUnavailableError, withinRedisBound } from '@core/queue/bounded-redis';
import { QUEUES } from '@core/queue/queue-names';
import type { RateWindow } from '../domain/inbound-rate-limit';
import { InboundRateCounter } from '../application/ports/inbound-rate-counter.port';

/** Kept a minute past the window's end, so clocks a little apart still find it. */
const GRACE_MS = 60_000;

/** One counter per contact and minute on the AI queue's Redis connection (INCR, then it expires). */
@Injectable()
export class RedisInboundRateCounter extends InboundRateCounter {
  private readonly logger = new Logger(RedisInboundRateCounter.name);

  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async increment(contactKey: string, window: RateWindow): Promise<number> {
    const key = `${this.config.QUEUE_PREFIX}:twilio:inbound-rate:${contactKey}:${window.id}`;
    try {
      const [[, count]] = (await withinRedisBound(this.queue.client, this.config.QUEUE_ENQUEUE_TIMEOUT_MS, () =>
        this.queue.client.multi().incr(key).pexpireat(key, window.endsAt.getTime() + GRACE_MS).exec(),
      )) as [[Error | null, number], unknown];
      return Number(count);
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      this.logger.warn({ error: error.message }, 'inbound not counted (Redis unavailable): the limit fails open');
      return 0;
    }
  }
}
