import { MigrationInterface, QueryRunner } from 'typeorm';

const RLS_TABLES = ['contact_erasures', 'subscriptions', 'usage_counters', 'feature_flag_overrides', 'conversation_events'];

/**
 * Identity and multi-tenancy: staff details, tenant suspension, contact tags and erasure records,
 * plans with limits and features, subscriptions, monthly usage, per-tenant feature-flag overrides,
 * the staff audit log, and conversation events (who moved a conversation to which state, and why).
 */
export class IdentityAndTenancy1763900002000 implements MigrationInterface {
  name = 'IdentityAndTenancy1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_users ADD COLUMN name varchar(200), ADD COLUMN last_login_at timestamptz`);
    await q.query(`ALTER TABLE tenants ADD COLUMN suspended_at timestamptz, ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE whatsapp_numbers ADD COLUMN disabled_at timestamptz`);
    await q.query(`ALTER TABLE contacts ADD COLUMN tags text[] NOT NULL DEFAULT '{}', ADD COLUMN display_name varchar(200), ADD COLUMN notes text`);
    await q.query(`CREATE INDEX contacts_tags_idx ON contacts USING gin (tags)`);
    await q.query(`ALTER TABLE conversations ADD COLUMN handoff_reason varchar(200)`);

    await q.query(`
      CREATE TABLE contact_erasures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL,
        phone_hmac char(64) NOT NULL,
        erased_by uuid,
        removed jsonb NOT NULL DEFAULT '{}',
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contact_erasures_tenant_idx ON contact_erasures (tenant_id, erased_at DESC)`);

    // The plan catalogue is the platform's, not a tenant's: no tenant_id, no RLS.
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        ai_replies_per_month integer CHECK (ai_replies_per_month >= 0),
        kb_max_bytes bigint CHECK (kb_max_bytes >= 0),
        max_specialists integer CHECK (max_specialists >= 0),
        allowed_tools text[] NOT NULL DEFAULT '{}',
        features jsonb NOT NULL DEFAULT '{}',
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX plans_one_default_uq ON plans (is_default) WHERE is_default`);
    await q.query(`
      INSERT INTO plans (code, name, ai_replies_per_month, kb_max_bytes, max_specialists, allowed_tools, features, is_default) VALUES
        ('free', 'Free', 100, 1048576, 1, '{search_knowledge_base,request_human}', '{"knowledge_base": true, "pii_masking": false, "http_tools": false, "semantic_cache": false}', false),
        ('starter', 'Starter', 2000, 20971520, 3, '{search_knowledge_base,remember_fact,recall_memories,request_human}', '{"knowledge_base": true, "pii_masking": true, "http_tools": false, "semantic_cache": false}', true),
        ('pro', 'Pro', 20000, 209715200, 10, '{search_knowledge_base,remember_fact,recall_memories,request_human,http}', '{"knowledge_base": true, "pii_masking": true, "http_tools": true, "semantic_cache": true}', false),
        ('enterprise', 'Enterprise', NULL, NULL, NULL, '{search_knowledge_base,remember_fact,recall_memories,request_human,http}', '{"knowledge_base": true, "pii_masking": true, "http_tools": true, "semantic_cache": true}', false)`);

    await q.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL UNIQUE REFERENCES tenants(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES plans(id),
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'canceled')),
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Tenants that exist before this migration start on the default plan.
    await q.query(`INSERT INTO subscriptions (tenant_id, plan_id) SELECT t.id, p.id FROM tenants t, plans p WHERE p.is_default`);

    await q.query(`
      CREATE TABLE usage_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        period char(7) NOT NULL,
        ai_replies integer NOT NULL DEFAULT 0,
        prompt_tokens bigint NOT NULL DEFAULT 0,
        completion_tokens bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, period)
      )`);

    await q.query(`
      CREATE TABLE feature_flag_overrides (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        flag varchar(60) NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, flag)
      )`);

    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        actor_id uuid,
        actor_role varchar(20),
        action varchar(120) NOT NULL,
        target_type varchar(60),
        target_id varchar(64),
        details jsonb NOT NULL DEFAULT '{}',
        ip varchar(64),
        correlation_id varchar(64),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE conversation_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        from_state varchar(20) NOT NULL,
        to_state varchar(20) NOT NULL,
        actor_type varchar(10) NOT NULL CHECK (actor_type IN ('system', 'ai', 'contact', 'staff')),
        actor_id uuid,
        reason varchar(200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX conversation_events_conversation_idx ON conversation_events (conversation_id, created_at)`);

    for (const table of RLS_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
    // Platform actions (tenant_id NULL) are visible in the platform scope only.
    await q.query(`ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON audit_events
      USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
      WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    await q.query(`REVOKE UPDATE, DELETE ON audit_events FROM atende_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['conversation_events', 'audit_events', 'feature_flag_overrides', 'usage_counters', 'subscriptions', 'plans', 'contact_erasures']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`ALTER TABLE conversations DROP COLUMN handoff_reason`);
    await q.query(`DROP INDEX IF EXISTS contacts_tags_idx`);
    await q.query(`ALTER TABLE contacts DROP COLUMN tags, DROP COLUMN display_name, DROP COLUMN notes`);
    await q.query(`ALTER TABLE whatsapp_numbers DROP COLUMN disabled_at`);
    await q.query(`ALTER TABLE tenants DROP COLUMN suspended_at, DROP COLUMN settings`);
    await q.query(`ALTER TABLE staff_users DROP COLUMN name, DROP COLUMN last_login_at`);
  }
}
