import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../src/core/config/app-config';
import { PRESENCE_HEARTBEAT_MS, PRESENCE_STALE_AFTER_MS } from '../../src/modules/conversation/application/ports/agent-connections.port';
import { LiveRedisConnection } from '../../src/modules/conversation/infrastructure/live/live-redis.connection';
import { RedisAgentPresence } from '../../src/modules/conversation/infrastructure/live/redis-agent-presence';
import { testRedis } from '../support/redis';

const redis = testRedis('presence');

/** Presence with a clock the test moves, standing for the heartbeats of several api processes. */
class ClockedPresence extends RedisAgentPresence {
  at = 1_700_000_000_000;
  protected override now(): number {
    return this.at;
  }
}

describe('RedisAgentPresence: which staff have a console open, across api processes', () => {
  let connection: LiveRedisConnection;
  let presence: ClockedPresence;
  const tenant = randomUUID();
  const [ana, bia, caio] = [randomUUID(), randomUUID(), randomUUID()];
  const socket = (staffId: string, connectionId: string, tenantId = tenant) => ({ tenantId, staffId, connectionId });

  beforeAll(() => {
    const config = Object.assign(new AppConfig(), { REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix });
    connection = new LiveRedisConnection(config);
    presence = new ClockedPresence(connection, config);
  });

  afterAll(async () => {
    await connection.onApplicationShutdown();
    await redis.cleanup();
  });

  it('lists online staff in the order they came online, a second console changing nothing, and only for their tenant', async () => {
    await presence.opened(socket(bia, 'b1'));
    await presence.opened(socket(ana, 'a1'));
    await presence.opened(socket(bia, 'b2'));
    await presence.opened(socket(caio, 'c1'));
    expect(await presence.onlineStaff(tenant)).toEqual([bia, ana, caio]);
    expect(await presence.onlineStaff(randomUUID())).toEqual([]);
  });

  it('keeps a staff member online until their last console closes, then moves them to the back when they return', async () => {
    await presence.closed(socket(bia, 'b1'));
    expect(await presence.onlineStaff(tenant)).toEqual([bia, ana, caio]);
    await presence.closed(socket(bia, 'b2'));
    expect(await presence.onlineStaff(tenant)).toEqual([ana, caio]);
    await presence.opened(socket(bia, 'b3'));
    expect(await presence.onlineStaff(tenant)).toEqual([ana, caio, bia]);
  });

  it("drops the consoles of a process that stopped confirming them (it died) once they go stale, keeping the confirmed ones", async () => {
    // Process 1 holds ana's and caio's consoles and dies; process 2 keeps confirming bia's.
    for (let elapsed = 0; elapsed <= PRESENCE_STALE_AFTER_MS; elapsed += PRESENCE_HEARTBEAT_MS) {
      presence.at += PRESENCE_HEARTBEAT_MS;
      await presence.stillOpen([socket(bia, 'b3')]);
    }
    expect(await presence.onlineStaff(tenant)).toEqual([bia]);
  });

  it('counts a console again when its process confirms it after a pause longer than the stale time', async () => {
    presence.at += PRESENCE_STALE_AFTER_MS * 3;
    expect(await presence.onlineStaff(tenant)).toEqual([]);
    await presence.stillOpen([socket(caio, 'c1'), socket(ana, 'a1')]);
    expect(await presence.onlineStaff(tenant)).toEqual([caio, ana]);
  });
});
