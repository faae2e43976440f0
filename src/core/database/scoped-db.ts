import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

interface ActiveScope {
  key: string;
  em: EntityManager;
  /** Work for after this transaction commits (jobs that read what it wrote). */
  afterCommit: (() => Promise<unknown>)[];
}

const active = new AsyncLocalStorage<ActiveScope>();

/**
 * Every database access runs in a transaction that tells PostgreSQL whose rows it may touch
 * (row-level security, migration RowLevelSecurity): one tenant's, or, for work that is
 * cross-tenant by nature and says so, the platform's. Nested calls for the same scope share the
 * transaction, so a use case can make several repository calls atomic.
 */
@Injectable()
export class ScopedDb {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  forTenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.run(`tenant:${tenantId}`, tenantId, '', work);
  }

  /** Cross-tenant access: webhook number lookup, login, platform admin routes. Use sparingly. */
  asPlatform<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.run('platform', '', 'platform', work);
  }

  /**
   * Runs `work` once the transaction open now has committed, or at once outside one: a job
   * enqueued inside a transaction could otherwise run before its rows are visible. Dropped when
   * the transaction rolls back; its failure fails the call that opened the transaction, after the commit.
   */
  async afterCommit(work: () => Promise<unknown>): Promise<void> {
    const current = active.getStore();
    if (current) current.afterCommit.push(work);
    else await work();
  }

  private async run<T>(key: string, tenantId: string, scope: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const current = active.getStore();
    if (current?.key === key) return work(current.em);
    const afterCommit: (() => Promise<unknown>)[] = [];
    const result = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.scope', $2, true)`, [tenantId, scope]);
      return active.run({ key, em, afterCommit }, () => work(em));
    });
    for (const followUp of afterCommit) await followUp();
    return result;
  }
}
