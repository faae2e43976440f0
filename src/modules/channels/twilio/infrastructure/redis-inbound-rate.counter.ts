import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import type { RateWindow } from '../domain/inbound-rate-limit';
import { InboundRateCounter } from '../application/ports/inbound-rate-counter.port';

/** Kept a minute past the window's end, so clocks a little apart still find it. */
const GRACE_MS = 60_000;

/** One counter per contact and minute on the AI queue's Redis connection (INCR, then it expires). */
@Injectable()
export class RedisInboundRateCounter extends InboundRateCounter {
  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async increment(contactKey: string, window: RateWindow): Promise<number> {
    const key = `${this.config.QUEUE_PREFIX}:twilio:inbound-rate:${contactKey}:${window.id}`;
    const [[, count]] = (await this.queue.client.multi().incr(key).pexpireat(key, window.endsAt.getTime() + GRACE_MS).exec()) as [[Error | null, number], unknown];
    return Number(count);
  }
}
