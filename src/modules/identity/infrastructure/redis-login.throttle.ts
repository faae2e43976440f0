import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import { LoginThrottle } from '../application/ports/login-throttle.port';
import type { WindowCount } from '../domain/login-throttle';

/** INCR, and start the window on the first attempt; returns [attempts, ms left in the window]. */
const COUNT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/** Takes one attempt back, never below zero and never creating a key. */
const UNCOUNT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * Fixed windows in Redis, on the Bull queue's own connection. One script per key (atomic per key,
 * and safe on Redis Cluster, where keys of one script must share a slot).
 */
@Injectable()
export class RedisLoginThrottle extends LoginThrottle {
  constructor(
    @InjectQueue(QUEUES.sendWhatsappMessage) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async countAttempt(accountKey: string, address: string, windowMs: number): Promise<{ account: WindowCount; address: WindowCount }> {
    const [account, byAddress] = await Promise.all([this.count(this.accountKey(accountKey), windowMs), this.count(this.addressKey(address), windowMs)]);
    return { account, address: byAddress };
  }

  async forgetAttempt(accountKey: string, address: string): Promise<void> {
    await Promise.all([this.queue.client.del(this.accountKey(accountKey)), this.queue.client.eval(UNCOUNT, 1, this.addressKey(address))]);
  }

  private async count(key: string, windowMs: number): Promise<WindowCount> {
    const [attempts, remainingMs] = (await this.queue.client.eval(COUNT, 1, key, windowMs)) as [number, number];
    return { attempts: Number(attempts), remainingMs: Number(remainingMs) };
  }

  private accountKey(hash: string): string {
    return `${this.config.QUEUE_PREFIX}:login:account:${hash}`;
  }

  private addressKey(address: string): string {
    return `${this.config.QUEUE_PREFIX}:login:address:${address}`;
  }
}
