import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExclusiveRun } from './exclusive-run.port';

/**
 * A session-level PostgreSQL advisory lock held on a connection of its own for the length of the
 * work: a process that dies mid-run loses its connection, and with it the lock (a connection that
 * breaks is destroyed by TypeORM, never handed back to the pool holding it).
 */
@Injectable()
export class PgAdvisoryExclusiveRun extends ExclusiveRun {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async tryRun<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [name]);
      if (!locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]);
      }
    } finally {
      await runner.release();
    }
  }
}
