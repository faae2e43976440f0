import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows belong to one tenant (tenant_id); `tenants` itself is handled apart. */
const TENANT_TABLES = ['staff_users', 'refresh_tokens', 'whatsapp_numbers', 'contacts', 'conversations', 'messages', 'ai_results', 'sandbox_messages'];

/**
 * Second isolation layer: PostgreSQL row-level security. The application connects as a login role
 * that is a member of `atende_app` (not the tables' owner, not a superuser) and sets, per transaction,
 * `app.tenant_id` (rows of that tenant only) or `app.scope = 'platform'` (explicit cross-tenant work:
 * webhook number lookup, login, platform admin routes). Owners and superusers bypass RLS; migrations
 * run as the owner.
 */
export class RowLevelSecurity1763900001000 implements MigrationInterface {
  name = 'RowLevelSecurity1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atende_app') THEN
          CREATE ROLE atende_app NOLOGIN;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO atende_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO atende_app`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON typeorm_migrations FROM atende_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO atende_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO atende_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO atende_app`);

    await q.query(`
      CREATE FUNCTION atende_current_tenant() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION atende_platform_scope() RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT coalesce(current_setting('app.scope', true), '') = 'platform' $$`);

    // The sandbox outbox becomes tenant-owned like everything else.
    await q.query(`ALTER TABLE sandbox_messages ADD COLUMN tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE`);
    await q.query(`
      UPDATE sandbox_messages s SET tenant_id = n.tenant_id
      FROM whatsapp_numbers n WHERE n.twilio_account_sid = s.account_sid AND n.is_sandbox`);
    await q.query(`DELETE FROM sandbox_messages WHERE tenant_id IS NULL`);
    await q.query(`ALTER TABLE sandbox_messages ALTER COLUMN tenant_id SET NOT NULL`);

    await q.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON tenants
      USING (atende_platform_scope() OR id = atende_current_tenant())
      WITH CHECK (atende_platform_scope() OR id = atende_current_tenant())`);
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tenants', ...TENANT_TABLES]) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`ALTER TABLE sandbox_messages DROP COLUMN tenant_id`);
    await q.query(`DROP FUNCTION IF EXISTS atende_platform_scope()`);
    await q.query(`DROP FUNCTION IF EXISTS atende_current_tenant()`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM atende_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM atende_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM atende_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM atende_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM atende_app`);
    // The role is cluster-wide and may serve other databases: it stays.
  }
}
