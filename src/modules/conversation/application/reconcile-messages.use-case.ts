import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { ExclusiveRun } from '@core/database/exclusive-run.port';
import { RequestContextStore } from '@core/logging/request-context';
import { Clock } from '@core/time/clock';
import { reconcileWindow, ReconcileWindow } from '../domain/reconcile-window';
import { MessageJobKind, MessageJobs } from './ports/message-jobs.port';
import { MessageBacklog, UnfinishedMessage, UnfinishedMessages } from './ports/unfinished-messages.port';

/** One PostgreSQL advisory lock for every process of the deployment. */
export const RECONCILER_LOCK = 'atende:reconcile-messages';

export type ReconcileCounts = Record<MessageJobKind, number> & { inQueue: number; failed: number };

/** 'locked': another process was running a pass; 'redis_down': nothing could be queued, so nothing was tried. */
export type ReconcilePass = { ran: true; queued: ReconcileCounts } | { ran: false; reason: 'locked' | 'redis_down' };

/**
 * The reconciler: PostgreSQL, not Redis, is the record of what still needs doing. Every accepted
 * inbound message without an AI outcome and every outbound message never handed to Twilio, once
 * past the grace period, gets its job again under its producer's id; one still in Redis is left
 * alone, and the PostgreSQL claim of a reply keeps a message re-driven mid-run from being answered
 * twice. One process at a time runs a pass (an advisory lock, which survives the loss of Redis).
 */
@Injectable()
export class ReconcileMessages {
  private readonly logger = new Logger(ReconcileMessages.name);

  constructor(
    private readonly messages: UnfinishedMessages,
    private readonly jobs: MessageJobs,
    private readonly exclusive: ExclusiveRun,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute(): Promise<ReconcilePass> {
    if (!this.jobs.available()) return { ran: false, reason: 'redis_down' };
    const run = await this.exclusive.tryRun(RECONCILER_LOCK, () => this.pass(this.window()));
    return run.ran ? { ran: true, queued: run.result } : { ran: false, reason: 'locked' };
  }

  /** What /health/ready and /metrics show: the settled backlog, and what is beyond the horizon. */
  backlog(): Promise<MessageBacklog> {
    return this.messages.backlog(this.window());
  }

  private window(): ReconcileWindow {
    return reconcileWindow(this.clock.now(), { graceMs: this.config.RECONCILE_GRACE_MS, horizonMs: this.config.RECONCILE_HORIZON_MS });
  }

  private async pass(window: ReconcileWindow): Promise<ReconcileCounts> {
    const counts: ReconcileCounts = { answer: 0, transcribe: 0, send: 0, inQueue: 0, failed: 0 };
    const limit = this.config.RECONCILE_BATCH_SIZE;
    for (const inbound of await this.messages.inboundAwaitingOutcome(window, limit)) {
      await this.redrive(inbound.awaits === 'transcript' ? 'transcribe' : 'answer', inbound, counts);
    }
    for (const outbound of await this.messages.outboundNeverSent(window, limit)) await this.redrive('send', outbound, counts);
    if (counts.answer + counts.transcribe + counts.send + counts.failed > 0) this.logger.warn({ ...counts }, 'reconciler re-drove messages whose jobs were lost');
    return counts;
  }

  /** One message failing is logged and counted; the next pass tries it again. */
  private async redrive(kind: MessageJobKind, message: UnfinishedMessage, counts: ReconcileCounts): Promise<void> {
    const correlationId = message.correlationId ?? RequestContextStore.newCorrelationId();
    try {
      const outcome = await this.jobs.redrive(kind, { tenantId: message.tenantId, messageId: message.messageId, correlationId });
      if (outcome === 'queued') counts[kind] += 1;
      else counts.inQueue += 1;
    } catch (error) {
      counts.failed += 1;
      this.logger.error({ messageId: message.messageId, kind, err: error }, 'reconciler could not re-drive a message');
    }
  }
}
