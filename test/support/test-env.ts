/** Connection settings for the test run; the database name must say "test" (guard against real data). */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'atende_test_template';
export const REDIS_BASE_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
