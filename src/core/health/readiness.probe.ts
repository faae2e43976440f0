import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue-names';
import { withTimeout } from '../time/with-timeout';

export type CheckResult = 'ok' | string;

/** Ready = PostgreSQL answers, Redis answers, and no migration is pending. */
@Injectable()
export class ReadinessProbe {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.processAiResponse) private readonly queue: Queue,
  ) {}

  async check(): Promise<Record<'postgres' | 'redis' | 'migrations', CheckResult>> {
    const [postgres, redis, migrations] = await Promise.all([
      this.attempt(async () => void (await this.db.query('SELECT 1'))),
      this.attempt(async () => void (await this.queue.client.ping())),
      this.attempt(async () => {
        if (await this.db.showMigrations()) throw new Error('pending migrations');
      }),
    ]);
    return { postgres, redis, migrations };
  }

  private async attempt(fn: () => Promise<void>): Promise<CheckResult> {
    try {
      await withTimeout(fn(), 2000);
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : 'failed';
    }
  }
}
