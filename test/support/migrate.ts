import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/core/database/data-source-options';
import { APP_LOGIN_ROLE } from './test-env';

/** Runs every migration on a database, and ensures the login role the app runs as in tests (a member of atende_app, so RLS applies). */
export async function migrateForTests(ownerUrl: string): Promise<void> {
  const db = new DataSource({ ...buildDataSourceOptions(ownerUrl), logging: false });
  await db.initialize();
  try {
    await db.runMigrations();
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
