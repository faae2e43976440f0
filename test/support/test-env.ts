/** Connection settings for the test run; the database name must say "test" (guard against real data). */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One migrated template per test run (global-setup names it), so concurrent runs do not collide. */
export function templateDb(): string {
  const name = process.env.ATENDE_TEST_TEMPLATE;
  if (!name) throw new Error('ATENDE_TEST_TEMPLATE is not set: run the tests through jest (global-setup)');
  return name;
}
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';

/** The login role the app runs as in tests: a member of atende_app, so row-level security applies. */
export const APP_LOGIN_ROLE = 'atende_test_app';

/** As the owner (migrations, assertions on what is stored), or as the app's own role. */
export function databaseUrl(name: string, as: 'owner' | 'app' = 'owner'): string {
  if (!name.includes('test')) throw new Error(`refusing to use database "${name}" in tests: its name must contain "test"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  if (as === 'app') {
    url.username = APP_LOGIN_ROLE;
    url.password = '';
  }
  return url.toString();
}
