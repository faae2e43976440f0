import { Injectable } from '@nestjs/common';
import { Metrics } from '@core/metrics/metrics';
import type { AiAudit } from '@modules/conversation/application/ports/ai-responder.port';
import { AiResultLog, AiResultRefs } from './ai-result-log.port';

/** What a run leaves behind: process metrics and its ai_results row. */
@Injectable()
export class EngineTelemetry {
  constructor(
    private readonly metrics: Metrics,
    private readonly log: AiResultLog,
  ) {}

  observe(audit: AiAudit): void {
    this.metrics.aiRuns.inc({ outcome: audit.outcome });
    this.metrics.aiTokens.inc({ kind: 'prompt' }, audit.promptTokens);
    this.metrics.aiTokens.inc({ kind: 'completion' }, audit.completionTokens);
    this.metrics.aiCostUsd.inc(audit.costUsd ?? 0);
  }

  /** A run that failed outside the engine (the job's last attempt): counted, nothing was spent. */
  countFailure(): void {
    this.metrics.aiRuns.inc({ outcome: 'failed' });
  }

  record(refs: AiResultRefs, audit: AiAudit): Promise<void> {
    return this.log.record(refs, audit);
  }
}
