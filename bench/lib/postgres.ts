import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { requireBuilt } from './root';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/2';
/** The login role the service runs as: a member of atende_app, so row-level security applies as in production. */
export const APP_LOGIN_ROLE = 'atende_bench_app';

export function databaseUrl(name: string, as: 'owner' | 'app' = 'owner'): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  if (as === 'app') {
    url.username = APP_LOGIN_ROLE;
    url.password = '';
  }
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The bench's databases: one migrated template (atende_bench_<pid>, migrated as the test suite's
 * global setup does), and a clone of it per scenario, so no scenario sees another's rows or backlog.
 */
export class BenchDatabases {
  readonly template = `atende_bench_${process.pid}`;
  private readonly created = new Set<string>();
  private closed = false;

  /** After this, no database is created any more (a scenario still running when the bench stops). */
  close(): void {
    this.closed = true;
  }

  async createTemplate(): Promise<void> {
    await this.recreate(this.template);
    const { buildDataSourceOptions } = requireBuilt<{ buildDataSourceOptions(url: string): DataSourceOptions }>('src/core/database/data-source-options.js');
    const db = new DataSource({ ...buildDataSourceOptions(databaseUrl(this.template)), logging: false });
    await db.initialize();
    try {
      await db.runMigrations();
      await db.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_LOGIN_ROLE}') THEN CREATE ROLE ${APP_LOGIN_ROLE} LOGIN; END IF;
        END $$`);
      await db.query(`GRANT atende_app TO ${APP_LOGIN_ROLE}`);
    } finally {
      await db.destroy();
    }
  }

  /** A fresh migrated database for one scenario. */
  async clone(label: string): Promise<{ name: string; ownerUrl: string; appUrl: string }> {
    const name = `${this.template}_${label}`;
    await this.recreate(name, this.template);
    return { name, ownerUrl: databaseUrl(name), appUrl: databaseUrl(name, 'app') };
  }

  async drop(name: string): Promise<void> {
    await withClient(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    this.created.delete(name);
  }

  async dropAll(): Promise<void> {
    const names = [...this.created].filter((n) => n !== this.template);
    for (const name of [...names, this.template]) if (this.created.has(name)) await this.drop(name).catch(() => undefined);
  }

  private async recreate(name: string, template?: string): Promise<void> {
    if (this.closed) throw new Error('the bench is stopping');
    await withClient(PG_ADMIN_URL, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    });
    this.created.add(name);
  }
}

/** Transactions committed in a database so far (pg_stat_database), to count them per request. */
export async function committedTransactions(ownerUrl: string, name: string): Promise<number> {
  return withClient(ownerUrl, async (c) => {
    await c.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await c.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [name]);
    return Number(rows[0]?.n ?? 0);
  });
}
