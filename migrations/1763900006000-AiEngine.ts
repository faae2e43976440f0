import { MigrationInterface, QueryRunner } from 'typeorm';

/** Same as the knowledge base: dimensions with an HNSW index; others work by exact scan. */
const INDEXED_DIMENSIONS = [1536, 768] as const;
const RLS_TABLES = ['ai_settings', 'specialists', 'http_tools', 'contact_memories', 'semantic_cache_entries'];

/**
 * The AI engine: per-tenant settings, specialists the router chooses among, tenant-defined HTTP
 * tools (headers sealed with SecretBox), long-term contact memories (L3) and the semantic answer
 * cache, both in pgvector; ai_results gains the audit fields of a routed, tool-using run.
 */
export class AiEngine1763900006000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // One row per tenant, created with the default specialists the first time the engine or API needs them.
    await q.query(`
      CREATE TABLE ai_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        router_min_confidence real NOT NULL DEFAULT 0.35 CHECK (router_min_confidence BETWEEN 0 AND 1),
        memory_window_turns integer NOT NULL DEFAULT 12 CHECK (memory_window_turns BETWEEN 2 AND 100),
        memory_ttl_seconds integer NOT NULL DEFAULT 1800 CHECK (memory_ttl_seconds BETWEEN 60 AND 604800),
        semantic_cache_threshold real NOT NULL DEFAULT 0.92 CHECK (semantic_cache_threshold BETWEEN 0.5 AND 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE specialists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        slug varchar(40) NOT NULL CHECK (slug ~ '^[a-z][a-z0-9_]{1,39}$'),
        name varchar(80) NOT NULL,
        description varchar(500) NOT NULL,
        system_prompt text NOT NULL CHECK (length(system_prompt) <= 8000),
        allowed_tools text[] NOT NULL DEFAULT '{}',
        keywords text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT specialists_slug_uq UNIQUE (tenant_id, slug)
      )`);

    await q.query(`
      CREATE TABLE http_tools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(64) NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{2,63}$'),
        description varchar(1000) NOT NULL,
        parameters jsonb NOT NULL,
        url text NOT NULL,
        method varchar(6) NOT NULL CHECK (method IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')),
        headers_sealed text,
        header_names text[] NOT NULL DEFAULT '{}',
        timeout_ms integer NOT NULL DEFAULT 5000 CHECK (timeout_ms BETWEEN 100 AND 30000),
        max_response_bytes integer NOT NULL DEFAULT 16384 CHECK (max_response_bytes BETWEEN 256 AND 1048576),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT http_tools_name_uq UNIQUE (tenant_id, name)
      )`);

    await q.query(`
      CREATE TABLE contact_memories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('fact', 'summary')),
        content text NOT NULL CHECK (length(content) <= 2000),
        embedding_model varchar(100) NOT NULL,
        embedding_dimensions integer NOT NULL,
        embedding vector NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_memories_dimensions_ck CHECK (vector_dims(embedding) = embedding_dimensions)
      )`);
    await q.query(`CREATE INDEX contact_memories_contact_idx ON contact_memories (tenant_id, contact_id, created_at DESC)`);
    // One summary per conversation, so a re-run of the closing job cannot add a second one.
    await q.query(`CREATE UNIQUE INDEX contact_memories_summary_uq ON contact_memories (conversation_id) WHERE kind = 'summary'`);

    await q.query(`
      CREATE TABLE semantic_cache_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        question text NOT NULL,
        answer text NOT NULL,
        specialist varchar(40),
        chunk_ids uuid[] NOT NULL DEFAULT '{}',
        embedding_model varchar(100) NOT NULL,
        embedding_dimensions integer NOT NULL,
        embedding vector NOT NULL,
        hits integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_hit_at timestamptz,
        CONSTRAINT semantic_cache_dimensions_ck CHECK (vector_dims(embedding) = embedding_dimensions)
      )`);
    await q.query(`CREATE INDEX semantic_cache_tenant_idx ON semantic_cache_entries (tenant_id, embedding_model, embedding_dimensions)`);

    for (const table of ['contact_memories', 'semantic_cache_entries']) {
      for (const dimensions of INDEXED_DIMENSIONS) {
        await q.query(`
          CREATE INDEX ${table}_embedding_${dimensions}_hnsw ON ${table}
          USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops)
          WHERE embedding_dimensions = ${dimensions}`);
      }
    }

    await q.query(`ALTER TABLE ai_results ADD COLUMN confidence real`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN reasoning text`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN tool_calls jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN memory_source varchar(10)`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN cache_hit boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE ai_results ADD COLUMN cost_usd numeric(12, 6) NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE usage_counters ADD COLUMN cost_usd numeric(14, 6) NOT NULL DEFAULT 0`);

    for (const table of RLS_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
        USING (atende_platform_scope() OR tenant_id = atende_current_tenant())
        WITH CHECK (atende_platform_scope() OR tenant_id = atende_current_tenant())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE usage_counters DROP COLUMN IF EXISTS cost_usd`);
    for (const column of ['cost_usd', 'cache_hit', 'memory_source', 'tool_calls', 'reasoning', 'confidence']) {
      await q.query(`ALTER TABLE ai_results DROP COLUMN IF EXISTS ${column}`);
    }
    for (const table of [...RLS_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
