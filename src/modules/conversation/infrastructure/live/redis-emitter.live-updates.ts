import { Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { AppConfig } from '@core/config/app-config';
import { isRedisDown } from '@core/queue/bounded-redis';
import { LiveUpdate, LiveUpdates } from '../../application/ports/live-updates.port';
import { liveChannelKey, LiveRedisConnection } from './live-redis.connection';
import { tenantRoom } from './live-rooms';

/**
 * Publishes through socket.io's Redis emitter: every api process's Redis adapter hears it and
 * delivers to its sockets in the tenant's room. Needs no socket server, so workers publish too.
 */
@Injectable()
export class RedisEmitterLiveUpdates extends LiveUpdates {
  private readonly logger = new Logger(RedisEmitterLiveUpdates.name);

  constructor(
    private readonly redis: LiveRedisConnection,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async publish(tenantId: string, update: LiveUpdate): Promise<void> {
    // Down, a publish would wait for the command timeout; an update missed now is missed anyway.
    if (isRedisDown(this.redis.client)) return;
    try {
      // The emitter fires its PUBLISH and forgets it; collecting it lets us await it and keep a
      // Redis failure from becoming an unhandled rejection.
      const published: Promise<unknown>[] = [];
      const client = { publish: (channel: string, message: Buffer) => published.push(this.redis.client.publish(channel, message)) };
      new Emitter(client, { key: liveChannelKey(this.config) }).to(tenantRoom(tenantId)).emit(update.type, update);
      await Promise.all(published);
    } catch (error) {
      this.logger.warn({ tenantId, type: update.type, conversationId: update.conversationId, error: error instanceof Error ? error.message : String(error) }, 'live update not published');
    }
  }
}
