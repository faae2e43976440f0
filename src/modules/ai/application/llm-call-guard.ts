import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { Metrics } from '@core/metrics/metrics';
import { backoffDelay, isRetryableLlmError, RetryPolicy } from '../domain/resilience/retry-policy';
import { LlmUnavailableError } from './llm-unavailable.error';
import { BreakerState, CircuitBreaker } from './ports/circuit-breaker.port';
import { Sleep } from './ports/sleep.port';

/**
 * Every LLM call goes through here: refused at once while the provider's breaker is open, retried
 * with backoff on retryable errors (each one counted by the breaker), rethrown at once otherwise.
 * A 400 is a bug of ours, not a sign of the provider's health, so it is not counted.
 * If Redis cannot be asked, the call goes ahead: the breaker protects the provider, it must not
 * become a second way to fail.
 */
@Injectable()
export class LlmCallGuard {
  private readonly logger = new Logger(LlmCallGuard.name);
  private readonly policy: RetryPolicy;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly sleep: Sleep,
    config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.policy = { attempts: config.AI_LLM_RETRY_ATTEMPTS, baseDelayMs: config.AI_LLM_RETRY_BASE_MS, maxDelayMs: config.AI_LLM_RETRY_MAX_MS };
  }

  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt += 1) {
      if ((await this.stateOf(key)) === 'open') throw new LlmUnavailableError('breaker_open', key, attempt > 1 ? { cause: lastError } : undefined);
      try {
        const result = await call();
        this.metrics?.llmCalls.inc({ provider: providerOf(key), result: 'ok' });
        await this.safely(() => this.breaker.recordSuccess(key), undefined);
        return result;
      } catch (error) {
        this.metrics?.llmCalls.inc({ provider: providerOf(key), result: 'error' });
        if (!isRetryableLlmError(error)) throw error;
        lastError = error;
        const state = await this.safely(() => this.breaker.recordFailure(key), 'closed' as BreakerState);
        if (state === 'open') throw new LlmUnavailableError('breaker_open', key, { cause: error });
        if (attempt < this.policy.attempts) await this.sleep.wait(backoffDelay(this.policy, attempt, Math.random));
      }
    }
    throw new LlmUnavailableError('exhausted', key, { cause: lastError });
  }

  private stateOf(key: string): Promise<BreakerState> {
    return this.safely(() => this.breaker.state(key), 'closed');
  }

  private async safely<R>(action: () => Promise<R>, fallback: R): Promise<R> {
    try {
      return await action();
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'circuit breaker unreachable; calling the LLM anyway');
      return fallback;
    }
  }
}

/** Breaker keys are "provider:model". */
function providerOf(key: string): string {
  return key.split(':', 1)[0];
}
