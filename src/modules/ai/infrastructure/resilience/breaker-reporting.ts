import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessDetails } from '@core/health/readiness-details';
import { Metrics } from '@core/metrics/metrics';
import { CircuitBreaker } from '../../application/ports/circuit-breaker.port';
import { breakerStateLevel } from '../../domain/resilience/circuit-breaker';

/**
 * Shows the breakers on /metrics (atende_llm_breaker_state{key}) and on /health/ready (as details
 * only: the service still takes messages while the LLM is down, so readiness does not fail).
 */
@Injectable()
export class BreakerReporting implements OnModuleInit {
  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessDetails,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGaugeSource('atende_llm_breaker_state', 'LLM circuit breaker per provider:model: 0 closed, 1 half_open, 2 open', 'key', async () => {
      const states = await this.breaker.snapshot();
      return Object.fromEntries(Object.entries(states).map(([key, state]) => [key, breakerStateLevel(state)]));
    });
    this.readiness.register('ai', async () => ({ breakers: await this.breaker.snapshot() }));
  }
}
