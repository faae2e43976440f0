import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@core/config/app-config';
import { QUEUES } from '@core/queue/queue-names';
import { BreakerState, CircuitBreaker } from '../../application/ports/circuit-breaker.port';
import { afterFailure, afterSuccess, BreakerSettings, BreakerSnapshot, breakerState, CLOSED } from '../../domain/resilience/circuit-breaker';

/** The stored snapshot and Redis's own clock, so every process judges the cooldown by one clock. */
const READ = `
local t = redis.call('TIME')
return {redis.call('GET', KEYS[1]) or '', t[1], t[2]}`;

/** Compare-and-set: writes only if nobody changed the snapshot since it was read. */
const CAS = `
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const DAY_MS = 24 * 3600 * 1000;
const MAX_CAS_ROUNDS = 20;

/**
 * Breakers shared by all api and worker processes, on the AI queue's own Redis connection. The
 * transitions are the pure ones of domain/resilience/circuit-breaker.ts, applied with an atomic
 * compare-and-set; a set of keys lets /metrics and /health/ready list the breakers without a SCAN.
 */
@Injectable()
export class RedisCircuitBreaker extends CircuitBreaker {
  private readonly settings: BreakerSettings;
  private readonly ttlMs: number;

  constructor(
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
    this.settings = { failureThreshold: config.AI_BREAKER_FAILURE_THRESHOLD, cooldownMs: config.AI_BREAKER_COOLDOWN_MS };
    this.ttlMs = Math.max(DAY_MS, 2 * config.AI_BREAKER_COOLDOWN_MS);
  }

  async state(key: string): Promise<BreakerState> {
    const { snapshot, now } = await this.read(key);
    return breakerState(snapshot, now);
  }

  async recordSuccess(key: string): Promise<void> {
    await this.queue.client.pipeline().set(this.keyOf(key), JSON.stringify(afterSuccess()), 'PX', this.ttlMs).sadd(this.registryKey(), key).exec();
  }

  async recordFailure(key: string): Promise<BreakerState> {
    for (let round = 0; round < MAX_CAS_ROUNDS; round += 1) {
      const { raw, snapshot, now } = await this.read(key);
      const next = afterFailure(snapshot, now, this.settings);
      if (next === snapshot) return breakerState(snapshot, now);
      const written = await this.queue.client.eval(CAS, 1, this.keyOf(key), raw, JSON.stringify(next), this.ttlMs);
      if (Number(written) === 1) {
        await this.queue.client.sadd(this.registryKey(), key);
        return breakerState(next, now);
      }
    }
    throw new Error(`circuit breaker ${key}: too much contention to record a failure`);
  }

  async snapshot(): Promise<Record<string, BreakerState>> {
    const keys = (await this.queue.client.smembers(this.registryKey())).sort();
    const states: Record<string, BreakerState> = {};
    const expired: string[] = [];
    for (const key of keys) {
      const { raw, snapshot, now } = await this.read(key);
      if (raw === '') expired.push(key);
      else states[key] = breakerState(snapshot, now);
    }
    if (expired.length > 0) await this.queue.client.srem(this.registryKey(), ...expired);
    return states;
  }

  private async read(key: string): Promise<{ raw: string; snapshot: BreakerSnapshot; now: number }> {
    const [raw, seconds, micros] = (await this.queue.client.eval(READ, 1, this.keyOf(key))) as [string, string, string];
    return { raw, snapshot: parse(raw), now: Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) };
  }

  private keyOf(key: string): string {
    return `${this.config.QUEUE_PREFIX}:ai:breaker:${key}`;
  }

  private registryKey(): string {
    return `${this.config.QUEUE_PREFIX}:ai:breakers`;
  }
}

function parse(raw: string): BreakerSnapshot {
  if (!raw) return CLOSED;
  try {
    const value = JSON.parse(raw) as Partial<BreakerSnapshot>;
    const failures = typeof value.failures === 'number' ? value.failures : 0;
    return { failures, openUntil: typeof value.openUntil === 'number' ? value.openUntil : null };
  } catch {
    return CLOSED;
  }
}
