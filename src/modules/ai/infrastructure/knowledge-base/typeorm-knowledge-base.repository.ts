import { Injectable } from '@nestjs/common';
import pgvector from 'pgvector';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import type { KbChunkDraft, KbDocument, KbSearchHit } from '../../domain/knowledge-base/knowledge-base';
import { KnowledgeBaseRepository, NewKbDocument, StaleChunk } from '../../application/knowledge-base/ports/knowledge-base.repository.port';
import { changedRowCount, DOCUMENT_COLUMNS, KbDocumentRow, toKbDocument } from './kb-rows';

/**
 * pgvector storage. Vectors are sized per row; the search casts to the configured size with the
 * same expression and predicate as the migration's partial HNSW indexes, so the planner can use them.
 */
@Injectable()
export class TypeOrmKnowledgeBaseRepository extends KnowledgeBaseRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  inTransaction<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.db.forTenant(tenantId, async (em) => {
      // Serialises uploads of one tenant, so two at once cannot both pass the plan's size check.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('kb:' || $1))`, [tenantId]);
      return work();
    });
  }

  totalBytes(tenantId: string): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => {
      const [{ total }] = await em.query(`SELECT coalesce(sum(bytes), 0)::bigint AS total FROM kb_documents WHERE tenant_id = $1`, [tenantId]);
      return Number(total);
    });
  }

  insert(document: NewKbDocument, chunks: KbChunkDraft[]): Promise<KbDocument> {
    return this.db.forTenant(document.tenantId, async (em) => {
      const [row]: KbDocumentRow[] = await em.query(
        `INSERT INTO kb_documents (tenant_id, title, source_type, bytes, checksum, embedding_model, embedding_dimensions, chunk_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${DOCUMENT_COLUMNS}`,
        [document.tenantId, document.title, document.sourceType, document.bytes, document.checksum, document.embeddingModel, document.embeddingDimensions, chunks.length],
      );
      for (const chunk of chunks) {
        await em.query(
          `INSERT INTO kb_chunks (tenant_id, document_id, position, content, tokens, embedding_model, embedding_dimensions, embedding)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::vector)`,
          [document.tenantId, row.id, chunk.position, chunk.content, chunk.tokens, document.embeddingModel, chunk.embedding.length, pgvector.toSql(chunk.embedding)],
        );
      }
      return toKbDocument(row);
    });
  }

  list(tenantId: string, limit: number, offset: number): Promise<Page<KbDocument>> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: KbDocumentRow[] = await em.query(
        `SELECT ${DOCUMENT_COLUMNS} FROM kb_documents WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [tenantId, limit, offset],
      );
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM kb_documents WHERE tenant_id = $1`, [tenantId]);
      return { items: rows.map(toKbDocument), total };
    });
  }

  find(tenantId: string, id: string): Promise<KbDocument | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: KbDocumentRow[] = await em.query(`SELECT ${DOCUMENT_COLUMNS} FROM kb_documents WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return row ? toKbDocument(row) : null;
    });
  }

  delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const result: unknown = await em.query(`DELETE FROM kb_documents WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return changedRowCount(result) > 0;
    });
  }

  search(tenantId: string, query: { embedding: number[]; model: string; limit: number }): Promise<KbSearchHit[]> {
    const dimensions = query.embedding.length;
    if (!Number.isSafeInteger(dimensions) || dimensions < 1) throw new RangeError('the query embedding is empty');
    // A vector's size is part of its type and cannot be a bind parameter; it is a checked integer here.
    const cast = `vector(${dimensions})`;
    return this.db.forTenant(tenantId, async (em) => {
      // Lets HNSW keep scanning when the tenant filter discards the first candidates (pgvector ≥ 0.8).
      await em.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
      const rows: SearchRow[] = await em.query(
        `SELECT c.id, c.document_id, d.title, c.position, c.content, c.distance
         FROM (
           SELECT id, document_id, position, content, (embedding::${cast}) <=> $2::${cast} AS distance
           FROM kb_chunks
           WHERE tenant_id = $1 AND embedding_dimensions = ${dimensions} AND embedding_model = $3
           ORDER BY (embedding::${cast}) <=> $2::${cast}
           LIMIT $4
         ) c JOIN kb_documents d ON d.id = c.document_id AND d.tenant_id = $1
         ORDER BY c.distance, c.id`,
        [tenantId, pgvector.toSql(query.embedding), query.model, query.limit],
      );
      return rows.map((row) => ({
        chunkId: row.id,
        documentId: row.document_id,
        title: row.title,
        position: row.position,
        content: row.content,
        score: 1 - Number(row.distance),
      }));
    });
  }

  staleChunks(tenantId: string, model: string, dimensions: number, limit: number): Promise<StaleChunk[]> {
    return this.db.forTenant(tenantId, (em) =>
      em.query(
        `SELECT id, content FROM kb_chunks WHERE tenant_id = $1 AND (embedding_model <> $2 OR embedding_dimensions <> $3)
         ORDER BY document_id, position LIMIT $4`,
        [tenantId, model, dimensions, limit],
      ),
    );
  }

  updateEmbeddings(tenantId: string, model: string, updates: { id: string; embedding: number[] }[]): Promise<void> {
    return this.db.forTenant(tenantId, async (em) => {
      for (const update of updates) {
        await em.query(
          `UPDATE kb_chunks SET embedding = $3::vector, embedding_model = $4, embedding_dimensions = $5 WHERE tenant_id = $1 AND id = $2`,
          [tenantId, update.id, pgvector.toSql(update.embedding), model, update.embedding.length],
        );
      }
    });
  }

  markDocumentsReindexed(tenantId: string, model: string, dimensions: number): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => {
      const result: unknown = await em.query(
        `UPDATE kb_documents d SET embedding_model = $2, embedding_dimensions = $3, updated_at = now()
         WHERE d.tenant_id = $1 AND (d.embedding_model <> $2 OR d.embedding_dimensions <> $3)
           AND NOT EXISTS (SELECT 1 FROM kb_chunks c WHERE c.document_id = d.id AND (c.embedding_model <> $2 OR c.embedding_dimensions <> $3))`,
        [tenantId, model, dimensions],
      );
      return changedRowCount(result);
    });
  }
}

interface SearchRow {
  id: string;
  document_id: string;
  title: string;
  position: number;
  content: string;
  distance: number | string;
}
