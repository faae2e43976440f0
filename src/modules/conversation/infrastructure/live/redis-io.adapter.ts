import { INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@core/config/app-config';
import { liveChannelKey } from './live-redis.connection';

/**
 * socket.io on the api's own HTTP server, with the Redis adapter: each api process hears what any
 * process published (RedisEmitterLiveUpdates) and delivers it to its own sockets.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private readonly pub: Redis;
  private readonly sub: Redis;

  /** Its Redis connections open in the background and reconnect by themselves: Redis being briefly away does not stop the api. */
  constructor(
    app: INestApplication,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.pub = new Redis(config.REDIS_URL);
    this.sub = this.pub.duplicate();
    for (const client of [this.pub, this.sub]) client.on('error', (error: Error) => this.logger.warn({ error: error.message }, 'socket.io Redis adapter connection error'));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.liveAllowedOrigins;
    const server = super.createIOServer(port, { ...options, ...(origins.length > 0 ? { cors: { origin: origins } } : {}) }) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: liveChannelKey(this.config) }));
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.pub, this.sub].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
