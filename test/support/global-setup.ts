import { Client } from 'pg';
import { migrateForTests } from './migrate';
import { databaseUrl, PG_ADMIN_URL } from './test-env';

/** Migrates a fresh template database once per run; each test file clones it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const TEMPLATE_DB = `atende_test_template_${process.pid}`;
  process.env.ATENDE_TEST_TEMPLATE = TEMPLATE_DB;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await migrateForTests(databaseUrl(TEMPLATE_DB));
}
