import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reconciler's two questions, asked every pass across all tenants: which accepted inbound
 * messages still have no AI outcome, and which outbound messages were never handed to Twilio.
 * Partial indexes keep both small (only unfinished rows are in them) however large messages grows.
 */
export class MessageReconciler1763900009400 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messages_inbound_open_idx ON messages (created_at) WHERE direction = 'inbound' AND processed_at IS NULL`);
    await q.query(
      `CREATE INDEX messages_outbound_unsent_idx ON messages (created_at)
       WHERE direction = 'outbound' AND status = 'pending' AND provider_sid IS NULL AND parent_message_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS messages_outbound_unsent_idx`);
    await q.query(`DROP INDEX IF EXISTS messages_inbound_open_idx`);
  }
}
