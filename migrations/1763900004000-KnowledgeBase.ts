import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dimensions that get an HNSW index; other configured dimensions still work, by exact scan. */
const KB_INDEXED_DIMENSIONS = [1536, 768] as const;

/**
 * The tenant knowledge base: documents and their embedded chunks. A migration cannot read
 * EMBEDDING_DIMENSIONS, so `embedding` is an unsized vector whose size is kept per row
 * (`embedding_dimensions`, checked); HNSW needs a fixed size, so each indexed dimension gets a
 * partial expression index, and searches use the same expression and predicate.
 */
export class KnowledgeBase1763900004000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kb_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        source_type varchar(10) NOT NULL CHECK (source_type IN ('text', 'markdown', 'pdf')),
        bytes integer NOT NULL CHECK (bytes >= 0),
        checksum char(64) NOT NULL,
        embedding_model varchar(100) NOT NULL,
        embedding_dimensions integer NOT NULL CHECK (embedding_dimensions > 0),
        chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
        status varchar(10) NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX kb_documents_tenant_idx ON kb_documents (tenant_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE kb_chunks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES kb_documents(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        content text NOT NULL,
        tokens integer NOT NULL CHECK (tokens >= 0),
        embedding_model varchar(100) NOT NULL,
        embedding_dimensions integer NOT NULL,
        embedding vector NOT NULL,
        CONSTRAINT kb_chunks_dimensions_ck CHECK (vector_dims(embedding) = embedding_dimensions),
        CONSTRAINT kb_chunks_position_uq UNIQUE (document_id, position)
      )`);
    await q.query(`CREATE INDEX kb_chunks_tenant_idx ON kb_chunks (tenant_id, embedding_model, embedding_dimensions)`);
    for (const dimensions of KB_INDEXED_DIMENSIONS) {
      await q.query(`
        CREATE INDEX kb_chunks_embedding_${dimensions}_hnsw ON kb_chunks
        USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops)
        WHERE embedding_dimensions = ${dimensions}`);
    }
    for (const table of ['kb_documents', 'kb_chunks']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS kb_chunks`);
    await q.query(`DROP TABLE IF EXISTS kb_documents`);
  }
}
