import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First tables of the message path. Every tenant-owned table carries tenant_id; messages are
 * unique per (provider, provider_sid) so a retried webhook can never be stored twice.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS vector`);

    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        password_hash varchar(255) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('platform_admin', 'tenant_admin', 'agent')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'platform_admin') = (tenant_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_uq ON staff_users (lower(email))`);
    await q.query(`CREATE INDEX staff_users_tenant_idx ON staff_users (tenant_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        spent_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE whatsapp_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        phone_number varchar(20) NOT NULL,
        twilio_account_sid varchar(34) NOT NULL,
        twilio_auth_token_sealed text NOT NULL,
        is_sandbox boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A number belongs to exactly one tenant, across the whole platform.
    await q.query(`CREATE UNIQUE INDEX whatsapp_numbers_phone_uq ON whatsapp_numbers (phone_number)`);
    await q.query(`CREATE INDEX whatsapp_numbers_tenant_idx ON whatsapp_numbers (tenant_id)`);

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        phone_number varchar(20) NOT NULL,
        wa_id varchar(32),
        profile_name varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX contacts_tenant_phone_uq ON contacts (tenant_id, phone_number)`);

    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        whatsapp_number_id uuid NOT NULL REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,
        state varchar(20) NOT NULL DEFAULT 'ACTIVE'
          CHECK (state IN ('ACTIVE', 'WAITING_USER', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'CLOSED')),
        assigned_to uuid REFERENCES staff_users(id) ON DELETE SET NULL,
        last_message_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one open conversation per contact and number: concurrent workers converge on it.
    await q.query(`
      CREATE UNIQUE INDEX conversations_open_uq ON conversations (tenant_id, contact_id, whatsapp_number_id)
      WHERE state <> 'CLOSED'`);
    await q.query(`CREATE INDEX conversations_tenant_recent_idx ON conversations (tenant_id, last_message_at DESC)`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        whatsapp_number_id uuid NOT NULL REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE,
        direction varchar(10) NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        author varchar(10) NOT NULL CHECK (author IN ('contact', 'ai', 'agent', 'system')),
        body text NOT NULL,
        from_address varchar(64) NOT NULL,
        to_address varchar(64) NOT NULL,
        provider varchar(20) NOT NULL DEFAULT 'twilio',
        provider_sid varchar(64),
        status varchar(20) NOT NULL,
        error_code varchar(20),
        error_message text,
        raw_payload jsonb,
        in_reply_to uuid REFERENCES messages(id) ON DELETE SET NULL,
        correlation_id varchar(64),
        processed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX messages_provider_sid_uq ON messages (provider, provider_sid)`);
    await q.query(`CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at)`);
    await q.query(`CREATE INDEX messages_tenant_idx ON messages (tenant_id, created_at)`);
    await q.query(`CREATE INDEX messages_in_reply_to_idx ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL`);

    await q.query(`
      CREATE TABLE ai_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        inbound_message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        reply_message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        provider varchar(20) NOT NULL,
        model varchar(100) NOT NULL,
        prompt_tokens integer NOT NULL DEFAULT 0,
        completion_tokens integer NOT NULL DEFAULT 0,
        latency_ms integer NOT NULL,
        outcome varchar(20) NOT NULL CHECK (outcome IN ('answered', 'handed_off', 'failed')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One successful run per inbound message: a re-delivered job can never answer twice.
    await q.query(`CREATE UNIQUE INDEX ai_results_inbound_uq ON ai_results (inbound_message_id) WHERE outcome <> 'failed'`);
    await q.query(`CREATE INDEX ai_results_conversation_idx ON ai_results (tenant_id, conversation_id)`);

    // Outbound messages kept by the built-in Twilio-compatible sandbox (no real Twilio account).
    await q.query(`
      CREATE TABLE sandbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sid varchar(34) NOT NULL UNIQUE,
        account_sid varchar(34) NOT NULL,
        from_address varchar(64) NOT NULL,
        to_address varchar(64) NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sandbox_messages_account_idx ON sandbox_messages (account_sid, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sandbox_messages', 'ai_results', 'messages', 'conversations', 'contacts', 'whatsapp_numbers', 'refresh_tokens', 'staff_users', 'tenants']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP EXTENSION IF EXISTS vector`);
  }
}
