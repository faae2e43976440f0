import type { BreakerState } from '../../domain/resilience/circuit-breaker';

export type { BreakerState };

/**
 * One breaker per key (`openai:gpt-4o-mini`), shared by every api and worker process, so a provider
 * that is down is noticed once for the whole deployment.
 */
export abstract class CircuitBreaker {
  abstract state(key: string): Promise<BreakerState>;
  abstract recordSuccess(key: string): Promise<void>;
  /** Returns the state after this failure: 'open' when it was the one that crossed the threshold. */
  abstract recordFailure(key: string): Promise<BreakerState>;
  /** Every breaker that has seen a call recently, by key. */
  abstract snapshot(): Promise<Record<string, BreakerState>>;
}
