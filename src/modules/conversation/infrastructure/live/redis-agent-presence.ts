import { Injectable } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { AgentConnection, AgentConnections, PRESENCE_STALE_AFTER_MS } from '../../application/ports/agent-connections.port';
import { AgentPresence } from '../../application/ports/agent-presence.port';
import { LiveRedisConnection } from './live-redis.connection';

/*
 * Per tenant (one hash tag, so a script's keys share a Redis Cluster slot):
 *   sockets: sorted set of "<staffId>/<connectionId>", scored by when the connection was last confirmed;
 *   since:   sorted set of "<staffId>", scored by arrival: a counter (seq) rather than a clock, so the
 *            order of who came online first is strict even within one millisecond.
 * All expire when nobody confirms anything for a while: a tenant whose consoles vanished leaves nothing.
 */

/** KEYS sockets, since, seq; ARGV now, keyTtlMs, then staffId and connectionId pairs. */
const CONFIRM = `
for i = 3, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i] .. '/' .. ARGV[i + 1])
  if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[i]) end
end
for k = 1, 3 do redis.call('PEXPIRE', KEYS[k], ARGV[2]) end
return 0`;

/** KEYS sockets, since, seq; ARGV staffId, connectionId, cutoff. Forgets the staff member with their last live connection. */
const CLOSE = `
redis.call('ZREM', KEYS[1], ARGV[1] .. '/' .. ARGV[2])
local prefix = ARGV[1] .. '/'
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf')) do
  if string.sub(member, 1, #prefix) == prefix then return 0 end
end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

/** KEYS sockets, since, seq; ARGV cutoff. Drops what went stale; answers live staff ids, longest connected first. */
const ONLINE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
local live = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  live[string.match(member, '^([^/]*)/')] = true
end
local online = {}
for _, staff in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if live[staff] then
    online[#online + 1] = staff
    live[staff] = nil
  else
    redis.call('ZREM', KEYS[2], staff)
  end
end
for staff in pairs(live) do
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), staff)
  online[#online + 1] = staff
end
return online`;

const KEY_TTL_MS = PRESENCE_STALE_AFTER_MS * 2;

/** Which staff have a console open, across every api process, kept in Redis. */
@Injectable()
export class RedisAgentPresence extends AgentPresence implements AgentConnections {
  constructor(
    private readonly redis: LiveRedisConnection,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async opened(connection: AgentConnection): Promise<void> {
    await this.stillOpen([connection]);
  }

  async stillOpen(connections: AgentConnection[]): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const { tenantId, staffId, connectionId } of connections) {
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), staffId, connectionId]);
    }
    const now = this.now();
    await Promise.all([...byTenant].map(([tenantId, pairs]) => this.redis.client.eval(CONFIRM, 3, ...this.keys(tenantId), now, KEY_TTL_MS, ...pairs)));
  }

  async closed({ tenantId, staffId, connectionId }: AgentConnection): Promise<void> {
    await this.redis.client.eval(CLOSE, 3, ...this.keys(tenantId), staffId, connectionId, this.cutoff());
  }

  async onlineStaff(tenantId: string): Promise<string[]> {
    return (await this.redis.client.eval(ONLINE, 3, ...this.keys(tenantId), this.cutoff())) as string[];
  }

  /** The clock, replaceable in tests that need connections to go stale. */
  protected now(): number {
    return Date.now();
  }

  private cutoff(): number {
    return this.now() - PRESENCE_STALE_AFTER_MS;
  }

  private keys(tenantId: string): [string, string, string] {
    const base = `${this.config.QUEUE_PREFIX}:presence:{${tenantId}}`;
    return [`${base}:sockets`, `${base}:since`, `${base}:seq`];
  }
}
