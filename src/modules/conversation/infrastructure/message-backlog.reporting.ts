import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessDetails } from '@core/health/readiness-details';
import { Metrics } from '@core/metrics/metrics';
import { ReconcileMessages } from '../application/reconcile-messages.use-case';

/**
 * Shows what the reconciler has to do on /health/ready?details=messages (details only: a backlog does
 * not make the service unready) and on /metrics (atende_message_backlog{kind}). Settled means past the
 * grace period; beyond the horizon, messages are no longer re-driven.
 */
@Injectable()
export class MessageBacklogReporting implements OnModuleInit {
  constructor(
    private readonly reconcile: ReconcileMessages,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessDetails,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGaugeSource('atende_message_backlog', 'Messages past the reconciler grace period still without their outcome, by kind', 'kind', async () => {
      const backlog = await this.reconcile.backlog();
      return {
        inbound_awaiting_answer: backlog.inboundAwaitingAnswer,
        outbound_awaiting_send: backlog.outboundAwaitingSend,
        inbound_beyond_horizon: backlog.inboundBeyondHorizon,
        outbound_beyond_horizon: backlog.outboundBeyondHorizon,
      };
    });
    this.readiness.register('messages', () => this.reconcile.backlog(), { onRequest: true });
  }
}
