import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why an answer was given: the knowledge-base chunks it was grounded on, and the route taken. */
export class AiResultSources1763900005000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_results ADD COLUMN retrieved_chunk_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN route varchar(60)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_results DROP COLUMN IF EXISTS route`);
    await q.query(`ALTER TABLE ai_results DROP COLUMN IF EXISTS retrieved_chunk_ids`);
  }
}
