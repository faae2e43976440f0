import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Human agents at work: per-tenant conversation settings (acknowledgement text, unclaimed notice,
 * inactivity close and follow-up, automatic assignment), internal notes (never sent; a release note is
 * shown to the AI), who sent an agent reply, assignment changes as conversation events, and the
 * timestamps the timers need.
 */
export class AgentWork1763900007000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        handoff_acknowledgement varchar(1000),
        unclaimed_notice_after_seconds integer CHECK (unclaimed_notice_after_seconds BETWEEN 10 AND 604800),
        unclaimed_notice varchar(1000),
        inactivity_close_after_seconds integer NOT NULL DEFAULT 86400 CHECK (inactivity_close_after_seconds BETWEEN 1 AND 2592000),
        inactivity_follow_up_after_seconds integer CHECK (inactivity_follow_up_after_seconds >= 1),
        inactivity_follow_up varchar(1000),
        auto_assign boolean NOT NULL DEFAULT false,
        last_assigned_staff_id uuid REFERENCES staff_users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE conversations ADD COLUMN handoff_at timestamptz`);
    await q.query(`ALTER TABLE conversations ADD COLUMN unclaimed_notified_at timestamptz`);
    await q.query(`ALTER TABLE conversations ADD COLUMN followed_up_at timestamptz`);
    await q.query(`UPDATE conversations SET handoff_at = updated_at WHERE state = 'HANDOFF_PENDING'`);
    // The inactivity sweeper looks for open conversations idle since a given time.
    await q.query(`CREATE INDEX conversations_open_idle_idx ON conversations (last_message_at) WHERE state <> 'CLOSED'`);

    await q.query(`
      CREATE TABLE conversation_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        author_id uuid REFERENCES staff_users(id) ON DELETE SET NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('note', 'release')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX conversation_notes_conversation_idx ON conversation_notes (conversation_id, created_at)`);

    await q.query(`ALTER TABLE messages ADD COLUMN sent_by uuid REFERENCES staff_users(id) ON DELETE SET NULL`);

    // Assignment changes (claim, transfer) are events too; a state transition keeps kind 'transition'.
    await q.query(`ALTER TABLE conversation_events ADD COLUMN kind varchar(12) NOT NULL DEFAULT 'transition' CHECK (kind IN ('transition', 'assignment'))`);
    await q.query(`ALTER TABLE conversation_events ADD COLUMN assignee_id uuid REFERENCES staff_users(id) ON DELETE SET NULL`);

    for (const table of ['conversation_settings', 'conversation_notes']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversation_events DROP COLUMN IF EXISTS assignee_id`);
    await q.query(`ALTER TABLE conversation_events DROP COLUMN IF EXISTS kind`);
    await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS sent_by`);
    await q.query(`DROP TABLE IF EXISTS conversation_notes`);
    await q.query(`DROP INDEX IF EXISTS conversations_open_idle_idx`);
    for (const column of ['followed_up_at', 'unclaimed_notified_at', 'handoff_at']) {
      await q.query(`ALTER TABLE conversations DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(`DROP TABLE IF EXISTS conversation_settings`);
  }
}
