import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every send to Twilio is recorded on its message before the call, so a send whose outcome is
 * unknown (a timeout, a 5xx, a worker killed mid-call) is looked up at Twilio before any resend:
 * Twilio's Messages API takes no idempotency key.
 */
export class OutboundSendAttempts1763900010500 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // When the unresolved attempt started (null: none in flight), and not before when it may be looked up.
    await q.query(`ALTER TABLE messages ADD COLUMN send_attempted_at timestamptz`);
    await q.query(`ALTER TABLE messages ADD COLUMN send_lookup_after timestamptz`);
    await q.query(`ALTER TABLE messages ADD COLUMN send_attempts integer NOT NULL DEFAULT 0 CHECK (send_attempts >= 0)`);
    // The ContentSid of an attempt sent as a template: Twilio renders its body, so it is matched without it.
    await q.query(`ALTER TABLE messages ADD COLUMN send_attempt_content_sid varchar(34)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['send_attempt_content_sid', 'send_attempts', 'send_lookup_after', 'send_attempted_at']) {
      await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS ${column}`);
    }
  }
}
