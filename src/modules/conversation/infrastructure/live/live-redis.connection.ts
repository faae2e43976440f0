import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@core/config/app-config';

/**
 * The pub/sub key of socket.io's Redis adapter and emitter. They must agree, and QUEUE_PREFIX keeps
 * deployments (and test runs) sharing one Redis from hearing each other's consoles.
 */
export function liveChannelKey(config: AppConfig): string {
  return `${config.QUEUE_PREFIX}:socket.io`;
}

/**
 * The live features' own Redis connection (updates and presence), opened on first use, so a
 * process that never publishes holds none. A short command timeout keeps a Redis outage from
 * stalling the work that publishes.
 */
@Injectable()
export class LiveRedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveRedisConnection.name);
  readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2000 });
    this.client.on('error', (error: Error) => this.logger.warn({ error: error.message }, 'live Redis connection error'));
  }

  /** After the socket server closed (Nest disposes it before shutdown hooks), so its last presence updates still reach Redis. */
  async onApplicationShutdown(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
