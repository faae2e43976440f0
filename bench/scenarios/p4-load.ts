import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { DIMENSIONS, vectorLiteral, VectorSpace } from './p4-vectors';

export const EMBEDDING_MODEL = 'text-embedding-3-small';
const CHUNKS_PER_DOCUMENT = 500;
const BATCH = 200;
const FILLER = ' Horários, entregas, trocas e pagamentos: o que a loja responde aos clientes no WhatsApp, com os detalhes de cada política.'.repeat(3);

export interface TenantShape {
  tenantId: string;
  chunks: number;
  clusters: number;
}

/** Inserts `chunks` clustered vectors for a tenant into kb_documents/kb_chunks (as the owner; the vector indexes are rebuilt after). Returns its cluster centres. */
export async function seedTenant(client: Client, space: VectorSpace, shape: TenantShape): Promise<Float64Array[]> {
  const centres = space.centres(shape.clusters);
  let pending: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < shape.chunks; start += CHUNKS_PER_DOCUMENT) {
    const count = Math.min(CHUNKS_PER_DOCUMENT, shape.chunks - start);
    await pending;
    const title = `Manual ${start / CHUNKS_PER_DOCUMENT + 1}`;
    const document = await client.query<{ id: string }>(
      `INSERT INTO kb_documents (tenant_id, title, source_type, bytes, checksum, embedding_model, embedding_dimensions, chunk_count)
       VALUES ($1, $2, 'text', $3, $4, $5, ${DIMENSIONS}, $6) RETURNING id`,
      [shape.tenantId, title, count * FILLER.length, createHash('sha256').update(`${shape.tenantId}${title}`).digest('hex'), EMBEDDING_MODEL, count],
    );
    const documentId = document.rows[0].id;
    for (let offset = 0; offset < count; offset += BATCH) {
      const rows = Math.min(BATCH, count - offset);
      const params: unknown[] = [];
      const values: string[] = [];
      for (let i = 0; i < rows; i += 1) {
        const position = offset + i;
        params.push(position, `Trecho ${position} de ${title}.${FILLER}`, vectorLiteral(space.sample(centres)));
        const p = params.length + 2;
        values.push(`($1, $2, $${p - 2}, $${p - 1}, 120, '${EMBEDDING_MODEL}', ${DIMENSIONS}, $${p}::vector)`);
      }
      await pending;
      pending = client.query(
        `INSERT INTO kb_chunks (tenant_id, document_id, position, content, tokens, embedding_model, embedding_dimensions, embedding) VALUES ${values.join(', ')}`,
        [shape.tenantId, documentId, ...params],
      );
    }
  }
  await pending;
  return centres;
}

/** The product's vector indexes on kb_chunks, as created by its migrations (whatever they are: the bench only drops and recreates them). */
export async function dropVectorIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'kb_chunks' AND indexdef ~* 'USING (hnsw|ivfflat)'`,
  );
  for (const row of rows) await client.query(`DROP INDEX ${row.indexname}`);
  return rows.map((r) => r.indexdef);
}

/** Building HNSW over many rows is far faster when the graph fits in maintenance_work_mem (a session setting, not the server's). */
export async function buildIndexes(client: Client, definitions: string[]): Promise<void> {
  await client.query(`SET maintenance_work_mem = '2GB'`);
  await client.query(`SET max_parallel_maintenance_workers = 1`);
  for (const definition of definitions) await client.query(definition);
}

/** The baseline: a plain pgvector table of the same rows (same ids), HNSW m 16, ef_construction 64, and a tenant index. */
export async function createPlainTable(client: Client): Promise<string[]> {
  await client.query(`CREATE TABLE bench_kb_plain (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, embedding vector(${DIMENSIONS}) NOT NULL)`);
  await client.query(`INSERT INTO bench_kb_plain (id, tenant_id, embedding) SELECT id, tenant_id, embedding::vector(${DIMENSIONS}) FROM kb_chunks`);
  await client.query(`CREATE INDEX bench_kb_plain_tenant_idx ON bench_kb_plain (tenant_id)`);
  return [`CREATE INDEX bench_kb_plain_hnsw ON bench_kb_plain USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`];
}
