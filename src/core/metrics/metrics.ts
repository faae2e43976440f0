import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export type GaugeSource = () => Promise<Record<string, number>>;

/**
 * The process's Prometheus metrics, served at GET /metrics. Modules count through the fields here;
 * gauges whose values live elsewhere (circuit breakers in Redis) are read on each scrape from a
 * source the owning module registers, so core imports no module. One registry per instance, so
 * several apps in one test process do not collide.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  private readonly registry = new Registry();

  /** AI runs by outcome (answered, fallback, handoff, ...). */
  readonly aiRuns = new Counter({ name: 'atende_ai_runs_total', help: 'AI engine runs by outcome', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly aiTokens = new Counter({ name: 'atende_ai_tokens_total', help: 'LLM tokens used, by kind: prompt or completion', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly llmCalls = new Counter({ name: 'atende_llm_calls_total', help: 'LLM calls by provider and result: ok or error', labelNames: ['provider', 'result'] as const, registers: [this.registry] });
  readonly aiCostUsd = new Counter({ name: 'atende_ai_cost_usd_total', help: 'Estimated LLM cost in US dollars', registers: [this.registry] });
  /** Reconciler passes by result: ran, locked (another process ran it), redis_down, error. */
  readonly reconcilerPasses = new Counter({ name: 'atende_reconciler_passes_total', help: 'Reconciler passes by result', labelNames: ['result'] as const, registers: [this.registry] });
  /** Messages whose lost job the reconciler queued again, by job: answer, transcribe, send. */
  readonly reconcilerRedriven = new Counter({ name: 'atende_reconciler_redriven_total', help: 'Messages re-driven by the reconciler, by job', labelNames: ['job'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** A gauge with one label, filled on each scrape from `source` (label value -> number). */
  registerGaugeSource(name: string, help: string, label: string, source: GaugeSource): void {
    const logger = this.logger;
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const [value, level] of Object.entries(await source())) this.set({ [label]: value }, level);
        } catch (error) {
          logger.warn({ gauge: name, error: error instanceof Error ? error.message : String(error) }, 'gauge source failed; scraped without it');
        }
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
