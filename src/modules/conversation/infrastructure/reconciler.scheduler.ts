import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { Metrics } from '@core/metrics/metrics';
import { ReconcileMessages, ReconcilePass } from '../application/reconcile-messages.use-case';

/**
 * Runs the reconciler in every worker: once at start, then every RECONCILE_INTERVAL_MS. An
 * in-process timer, not a repeatable Bull job, because Bull's schedule lives in the Redis whose loss
 * the reconciler repairs; the advisory lock in the use case lets one process at a time do a pass.
 */
@Injectable()
export class ReconcilerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcilePass | null> | null = null;

  constructor(
    private readonly reconcile: ReconcileMessages,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.runPass();
    this.timer = setInterval(() => void this.runPass(), this.config.RECONCILE_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A pass still running when the timer fires again is not overlapped: this returns its result. */
  runPass(): Promise<ReconcilePass | null> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<ReconcilePass | null> {
    try {
      const pass = await this.reconcile.execute();
      this.metrics.reconcilerPasses.inc({ result: pass.ran ? 'ran' : pass.reason });
      if (pass.ran) for (const job of ['answer', 'transcribe', 'send'] as const) this.metrics.reconcilerRedriven.inc({ job }, pass.queued[job]);
      return pass;
    } catch (error) {
      this.metrics.reconcilerPasses.inc({ result: 'error' });
      this.logger.error({ err: error }, 'reconciler pass failed; the next one retries');
      return null;
    }
  }
}
