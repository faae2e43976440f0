import { Logger } from '@nestjs/common';
import { Metrics } from './metrics';

describe('Metrics', () => {
  it('renders the AI counters in Prometheus text, with their labels', async () => {
    const metrics = new Metrics();
    metrics.aiRuns.inc({ outcome: 'answered' });
    metrics.aiTokens.inc({ kind: 'prompt' }, 120);
    metrics.aiTokens.inc({ kind: 'completion' }, 30);
    metrics.llmCalls.inc({ provider: 'openai', result: 'ok' });
    metrics.aiCostUsd.inc(0.000525);

    const text = await metrics.render();

    expect(text).toContain('atende_ai_runs_total{outcome="answered"} 1');
    expect(text).toContain('atende_ai_tokens_total{kind="prompt"} 120');
    expect(text).toContain('atende_ai_tokens_total{kind="completion"} 30');
    expect(text).toContain('atende_llm_calls_total{provider="openai",result="ok"} 1');
    expect(text).toContain('atende_ai_cost_usd_total 0.000525');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('fills a registered gauge from its source on every scrape, dropping labels that went away', async () => {
    const metrics = new Metrics();
    let values: Record<string, number> = { 'openai:gpt-4o-mini': 2, 'openai:gpt-4.1-mini': 0 };
    metrics.registerGaugeSource('atende_llm_breaker_state', 'breakers', 'key', async () => values);

    expect(await metrics.render()).toContain('atende_llm_breaker_state{key="openai:gpt-4o-mini"} 2');
    values = { 'openai:gpt-4.1-mini': 1 };
    const text = await metrics.render();
    expect(text).toContain('atende_llm_breaker_state{key="openai:gpt-4.1-mini"} 1');
    expect(text).not.toContain('gpt-4o-mini');
  });

  it('still answers a scrape when a gauge source fails', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const metrics = new Metrics();
    metrics.registerGaugeSource('atende_broken', 'fails', 'key', async () => {
      throw new Error('redis down');
    });
    metrics.aiRuns.inc({ outcome: 'fallback' });

    expect(await metrics.render()).toContain('atende_ai_runs_total{outcome="fallback"} 1');
    jest.restoreAllMocks();
  });

  it('keeps instances apart, so two apps in one process do not share counts', async () => {
    const first = new Metrics();
    first.aiRuns.inc({ outcome: 'answered' });
    expect(await new Metrics().render()).not.toContain('atende_ai_runs_total{outcome="answered"}');
  });
});
