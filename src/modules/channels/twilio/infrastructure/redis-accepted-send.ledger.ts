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
    await this.queue.client
      .multi()
      .set(this.key(messageId), JSON.stringify(accepted), 'EX', TTL_SECONDS)
      .set(this.sidKey(accepted.sid), messageId, 'EX', TTL_SECONDS)
      .exec();
  }

  messageFor(sid: string): Promise<string | null> {
    return this.queue.client.get(this.sidKey(sid));
  }

  async find(messageId: string): Promise<{ sid: string; status: string } | null> {
    const raw = await this.queue.client.get(this.key(messageId));
    return raw ? (JSON.parse(raw) as { sid: string; status: string }) : null;
  }

  private sidKey(sid: string): string {
    return `${this.config.QUEUE_PREFIX}:twilio:accepted-sid:${sid}`;
  }

  private key(messageId: string): string {
    return `${this.config.QUEUE_PREFIX}:twilio:accepted:${messageId}`;
  }
}
