import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';

/**
 * Reserves the sender's next free send slot, one interval after the last reserved one, on Redis's
 * own clock: every worker process shares the schedule. Returns how long to wait for the slot.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, free)
local after = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], after, 'PX', after - now + 1000)
return slot - now`;

/** Pushes the sender's next free slot to at least `ms` from now (Twilio's Retry-After). */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local resume = now + tonumber(ARGV[1])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if resume > free then redis.call('SET', KEYS[1], resume, 'PX', resume - now + 1000) end
return 0`;

/** A per-sender pace for outbound messages, in the send queue's Redis. */
@Injectable()
export class RedisSendPacer {
  constructor(
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  /** Resolves when this sender may send its next message at `perSecond` messages a second. */
  async waitTurn(sender: string, perSecond: number): Promise<void> {
    const interval = Math.ceil(1000 / Math.max(perSecond, 1));
    const wait = Number(await this.queue.client.eval(RESERVE, 1, this.key(sender), interval));
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  async pause(sender: string, ms: number): Promise<void> {
    await this.queue.client.eval(PAUSE, 1, this.key(sender), Math.ceil(ms));
  }

  private key(sender: string): string {
    return `${this.config.QUEUE_PREFIX}:twilio:pace:${sender}`;
  }
}
