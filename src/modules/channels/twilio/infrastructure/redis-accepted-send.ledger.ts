import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import { AcceptedSendLedger } from '../application/ports/accepted-send-ledger.port';

const TTL_SECONDS = 7 * 24 * 3600;

/** Uses the send queue's own Redis connection; entries expire after a week. */
@Injectable()
export class RedisAcceptedSendLedger extends AcceptedSendLedger {
  constructor(
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async remember(messageId: string, accepted: { sid: string; status: string }): Promise<void> {
    await this.queue.client.set(this.key(messageId), JSON.stringify(accepted), 'EX', TTL_SECONDS);
  }

  async find(messageId: string): Promise<{ sid: string; status: string } | null> {
    const raw = await this.queue.client.get(this.key(messageId));
    return raw ? (JSON.parse(raw) as { sid: string; status: string }) : null;
  }

  private key(messageId: string): string {
    return `${this.config.QUEUE_PREFIX}:twilio:accepted:${messageId}`;
  }
}
