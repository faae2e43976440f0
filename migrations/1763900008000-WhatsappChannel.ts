import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The WhatsApp channel, complete: media and normalised inbound kinds (voice transcripts, location,
 * button replies), delivery timestamps from status callbacks, split outbound parts, approved templates
 * for the 24-hour window, opt-out, inbound throttling, per-tenant channel settings, and per-number
 * send rate and Messaging Service.
 */
export class WhatsappChannel1763900008000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // What a message is beyond its text. media: [{url, contentType, size|null}]; body stays what the AI and agents read.
    await q.query(`ALTER TABLE messages ADD COLUMN kind varchar(12) NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'audio', 'image', 'video', 'document', 'location', 'button', 'sticker', 'contact', 'other'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN media jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE messages ADD COLUMN transcript text`);
    await q.query(`ALTER TABLE messages ADD COLUMN location jsonb`);
    await q.query(`ALTER TABLE messages ADD COLUMN button_payload varchar(1000)`);
    // Set when the inbound was throttled (abuse limit) or belongs to a burst answered by a later message's run.
    await q.query(`ALTER TABLE messages ADD COLUMN throttled boolean NOT NULL DEFAULT false`);
    // Delivery: status callbacks fill these; a status never moves backwards.
    await q.query(`ALTER TABLE messages ADD COLUMN sent_at timestamptz`);
    await q.query(`ALTER TABLE messages ADD COLUMN delivered_at timestamptz`);
    await q.query(`ALTER TABLE messages ADD COLUMN read_at timestamptz`);
    // A long outbound body is sent as ordered parts: one row per part, the first holds part_index 0.
    await q.query(`ALTER TABLE messages ADD COLUMN parent_message_id uuid REFERENCES messages(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE messages ADD COLUMN part_index integer NOT NULL DEFAULT 0 CHECK (part_index >= 0)`);
    // Sent as an approved template (outside the 24-hour window).
    await q.query(`ALTER TABLE messages ADD COLUMN template_id uuid`);
    await q.query(`ALTER TABLE messages ADD COLUMN content_variables jsonb`);
    await q.query(`CREATE INDEX messages_parent_idx ON messages (parent_message_id) WHERE parent_message_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE whatsapp_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        content_sid varchar(34) NOT NULL CHECK (content_sid ~ '^HX[0-9a-fA-F]{32}$'),
        purpose varchar(30) NOT NULL CHECK (purpose IN ('reopen_conversation', 'handoff_follow_up', 'ai_follow_up', 'other')),
        variables jsonb NOT NULL DEFAULT '[]',
        body_preview varchar(1600),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT whatsapp_templates_name_uq UNIQUE (tenant_id, name)
      )`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_template_fk FOREIGN KEY (template_id) REFERENCES whatsapp_templates(id) ON DELETE SET NULL`);

    await q.query(`ALTER TABLE contacts ADD COLUMN opted_out_at timestamptz`);
    await q.query(`ALTER TABLE contacts ADD COLUMN throttled_until timestamptz`);
    await q.query(`ALTER TABLE contacts ADD COLUMN throttled_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE contacts ADD COLUMN last_inbound_at timestamptz`);
    await q.query(`
      UPDATE contacts c SET last_inbound_at = m.last
      FROM (SELECT contact_id, max(created_at) AS last FROM messages WHERE direction = 'inbound' AND contact_id IS NOT NULL GROUP BY contact_id) m
      WHERE m.contact_id = c.id`);

    await q.query(`ALTER TABLE whatsapp_numbers ADD COLUMN messaging_service_sid varchar(34) CHECK (messaging_service_sid ~ '^MG[0-9a-fA-F]{32}$')`);
    await q.query(`ALTER TABLE whatsapp_numbers ADD COLUMN send_rate_per_second integer NOT NULL DEFAULT 10 CHECK (send_rate_per_second BETWEEN 1 AND 400)`);

    await q.query(`
      CREATE TABLE channel_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        debounce_ms integer NOT NULL DEFAULT 2000 CHECK (debounce_ms BETWEEN 0 AND 30000),
        opt_out_keywords text[] NOT NULL DEFAULT '{sair,parar,stop,cancelar}',
        opt_in_keywords text[] NOT NULL DEFAULT '{voltar,start}',
        audio_fallback varchar(12) NOT NULL DEFAULT 'ask_to_type' CHECK (audio_fallback IN ('ask_to_type', 'handoff')),
        inbound_limit_per_minute integer NOT NULL DEFAULT 20 CHECK (inbound_limit_per_minute BETWEEN 1 AND 1000),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of ['whatsapp_templates', 'channel_settings']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS channel_settings`);
    await q.query(`ALTER TABLE whatsapp_numbers DROP COLUMN IF EXISTS send_rate_per_second`);
    await q.query(`ALTER TABLE whatsapp_numbers DROP COLUMN IF EXISTS messaging_service_sid`);
    for (const column of ['last_inbound_at', 'throttled_count', 'throttled_until', 'opted_out_at']) {
      await q.query(`ALTER TABLE contacts DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_template_fk`);
    await q.query(`DROP TABLE IF EXISTS whatsapp_templates`);
    await q.query(`DROP INDEX IF EXISTS messages_parent_idx`);
    for (const column of ['content_variables', 'template_id', 'part_index', 'parent_message_id', 'read_at', 'delivered_at', 'sent_at', 'throttled', 'button_payload', 'location', 'transcript', 'media', 'kind']) {
      await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS ${column}`);
    }
  }
}
