import type { Provider } from '@nestjs/common';
import { LlmCallGuard } from '../../application/llm-call-guard';
import { CircuitBreaker } from '../../application/ports/circuit-breaker.port';
import { Sleep } from '../../application/ports/sleep.port';
import { BreakerReporting } from './breaker-reporting';
import { RedisCircuitBreaker } from './redis-circuit-breaker';
import { TimerSleep } from './timer-sleep';

/** Timeouts aside (set on the chat model), everything that keeps LLM calls from piling up. */
export const RESILIENCE_PROVIDERS: Provider[] = [
  { provide: CircuitBreaker, useClass: RedisCircuitBreaker },
  { provide: Sleep, useClass: TimerSleep },
  LlmCallGuard,
  BreakerReporting,
];
