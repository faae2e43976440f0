import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/core/database/data-source-options';
import { APP_LOGIN_ROLE, databaseUrl, PG_ADMIN_URL } from './test-env';

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
  const db = new DataSource({ ...buildDataSourceOptions(databaseUrl(TEMPLATE_DB)), logging: false });
  await db.initialize();
  try {
    await db.runMigrations();
    // The app under test connects as a login member of atende_app: RLS is enforced on it.
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_LOGIN_ROLE}') THEN
          CREATE ROLE ${APP_LOGIN_ROLE} LOGIN;
        END IF;
      END $$`);
    await db.query(`GRANT atende_app TO ${APP_LOGIN_ROLE}`);
  } finally {
    await db.destroy();
  }
}
