import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, templateDb } from './test-env';

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(suffix: string): Promise<{ name: string; url: string; appUrl: string; drop: () => Promise<void> }> {
  const name = `atende_test_${suffix}_${process.pid}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  });
  return { name, url: databaseUrl(name), appUrl: databaseUrl(name, 'app'), drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))) };
}

/** Runs one query against a test database (for assertions on what is stored). */
export async function queryDb<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
