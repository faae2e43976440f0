import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import pgvector from 'pgvector';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';
import { CachedAnswer, SemanticCache } from '../../application/engine/semantic-cache.port';

interface CacheRow {
  id: string;
  answer: string;
  specialist: string | null;
  chunk_ids: string[];
  distance: number;
}

/** The semantic cache in pgvector, searched like the knowledge base (same per-dimension HNSW expression). */
@Injectable()
export class PgVectorSemanticCache extends SemanticCache {
  constructor(
    private readonly db: ScopedDb,
    private readonly embeddings: EmbeddingProvider,
  ) {
    super();
  }

  async find(tenantId: string, question: string, minScore: number): Promise<CachedAnswer | null> {
    const [embedding] = await this.embeddings.embed([question], tenantId);
    const cast = `vector(${checkedDimensions(embedding)})`;
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: CacheRow[] = await em.query(
        `SELECT id, answer, specialist, chunk_ids, (embedding::${cast}) <=> $2::${cast} AS distance
         FROM semantic_cache_entries
         WHERE tenant_id = $1 AND embedding_dimensions = ${embedding.length} AND embedding_model = $3
         ORDER BY (embedding::${cast}) <=> $2::${cast}
         LIMIT 1`,
        [tenantId, pgvector.toSql(embedding), this.embeddings.model],
      );
      const score = row ? 1 - Number(row.distance) : 0;
      if (!row || score < minScore) return null;
      await em.query(`UPDATE semantic_cache_entries SET hits = hits + 1, last_hit_at = now() WHERE id = $1`, [row.id]);
      return { id: row.id, answer: row.answer, specialist: row.specialist, chunkIds: row.chunk_ids, score };
    });
  }

  async store(tenantId: string, entry: { question: string; answer: string; specialist: string; chunkIds: string[] }): Promise<void> {
    const [embedding] = await this.embeddings.embed([entry.question], tenantId);
    await this.db.forTenant(tenantId, (em) =>
      em.query(
        `INSERT INTO semantic_cache_entries (tenant_id, question, answer, specialist, chunk_ids, embedding_model, embedding_dimensions, embedding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [tenantId, entry.question, entry.answer, entry.specialist, entry.chunkIds, this.embeddings.model, embedding.length, pgvector.toSql(embedding)],
      ),
    );
  }

  async invalidate(tenantId: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.query(`DELETE FROM semantic_cache_entries WHERE tenant_id = $1`, [tenantId]));
  }
}

/** A vector's size is part of its SQL type and cannot be a bind parameter: it must be a checked integer. */
function checkedDimensions(embedding: number[]): number {
  if (!Number.isSafeInteger(embedding.length) || embedding.length < 1) throw new RangeError('the question embedding is empty');
  return embedding.length;
}
