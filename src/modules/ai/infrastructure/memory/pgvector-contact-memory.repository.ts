import { Injectable } from '@nestjs/common';
import pgvector from 'pgvector';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { ContactMemoryRepository, NewContactMemory } from '../../application/ports/contact-memory.repository.port';
import type { ContactMemory, MemoryKind, RecalledMemory } from '../../domain/memory/memory';
import { changedRowCount } from '../knowledge-base/kb-rows';

const COLUMNS = 'id, kind, content, conversation_id, created_at';

interface MemoryRow {
  id: string;
  kind: MemoryKind;
  content: string;
  conversation_id: string | null;
  created_at: Date;
}

/**
 * contact_memories in pgvector. Like the knowledge base, vectors are sized per row and the search
 * casts with the same expression and predicate as the migration's partial HNSW indexes.
 */
@Injectable()
export class PgVectorContactMemoryRepository extends ContactMemoryRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  contactExists(tenantId: string, contactId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: unknown[] = await em.query(`SELECT 1 FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenantId, contactId]);
      return rows.length > 0;
    });
  }

  insert(memory: NewContactMemory): Promise<{ id: string; created: boolean }> {
    const { tenantId, contactId } = memory;
    return this.db.forTenant(tenantId, async (em) => {
      // Serialises one contact's writes, so that two equal memories at once cannot both pass the check below.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('memory:' || $1))`, [contactId]);
      const [same]: { id: string }[] = await em.query(
        `SELECT id FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2 AND lower(content) = lower($3) ORDER BY created_at LIMIT 1`,
        [tenantId, contactId, memory.normalisedContent],
      );
      if (same) return { id: same.id, created: false };
      // The only unique index is one summary per conversation: a conflict means it has one already.
      const [inserted]: { id: string }[] = await em.query(
        `INSERT INTO contact_memories (tenant_id, contact_id, conversation_id, kind, content, embedding_model, embedding_dimensions, embedding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::vector)
         ON CONFLICT DO NOTHING RETURNING id`,
        [tenantId, contactId, memory.conversationId, memory.kind, memory.content, memory.embeddingModel, memory.embedding.length, pgvector.toSql(memory.embedding)],
      );
      if (inserted) return { id: inserted.id, created: true };
      const [summary]: { id: string }[] = await em.query(
        `SELECT id FROM contact_memories WHERE tenant_id = $1 AND conversation_id = $2 AND kind = 'summary'`,
        [tenantId, memory.conversationId],
      );
      if (!summary) throw new Error('contact memory insert conflicted with no visible summary');
      return { id: summary.id, created: false };
    });
  }

  search(tenantId: string, contactId: string, query: { embedding: number[]; model: string; limit: number }): Promise<RecalledMemory[]> {
    const sql = nearestMemoriesSql(query.embedding.length);
    return this.db.forTenant(tenantId, async (em) => {
      // Lets HNSW keep scanning when the contact filter discards the first candidates (pgvector ≥ 0.8).
      await em.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
      const rows: (MemoryRow & { distance: number | string })[] = await em.query(sql, [tenantId, contactId, pgvector.toSql(query.embedding), query.model, query.limit]);
      return rows.map((row) => ({ ...toContactMemory(row), score: similarity(row.distance) }));
    });
  }

  list(tenantId: string, contactId: string, limit: number, offset: number): Promise<Page<ContactMemory>> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: MemoryRow[] = await em.query(
        `SELECT ${COLUMNS} FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2 ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
        [tenantId, contactId, limit, offset],
      );
      const [{ total }]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2`, [
        tenantId,
        contactId,
      ]);
      return { items: rows.map(toContactMemory), total };
    });
  }

  delete(tenantId: string, contactId: string, memoryId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const result: unknown = await em.query(`DELETE FROM contact_memories WHERE tenant_id = $1 AND contact_id = $2 AND id = $3`, [tenantId, contactId, memoryId]);
      return changedRowCount(result) > 0;
    });
  }
}

/**
 * The recall query, parameters ($1 tenant, $2 contact, $3 query vector, $4 model, $5 limit). The cast
 * and the dimensions predicate are those of the partial HNSW index for that size; a vector's size is
 * part of its type and cannot be a bind parameter, so it is a checked integer here.
 */
export function nearestMemoriesSql(dimensions: number): string {
  if (!Number.isSafeInteger(dimensions) || dimensions < 1) throw new RangeError('the query embedding is empty');
  const cast = `vector(${dimensions})`;
  return `SELECT ${COLUMNS}, distance FROM (
      SELECT ${COLUMNS}, (embedding::${cast}) <=> $3::${cast} AS distance
      FROM contact_memories
      WHERE tenant_id = $1 AND contact_id = $2 AND embedding_dimensions = ${dimensions} AND embedding_model = $4
      ORDER BY (embedding::${cast}) <=> $3::${cast}
      LIMIT $5
    ) nearest ORDER BY distance, id`;
}

function toContactMemory(row: MemoryRow): ContactMemory {
  return { id: row.id, kind: row.kind, content: row.content, conversationId: row.conversation_id, createdAt: row.created_at };
}

/** Cosine distance is 0..2; the similarity callers compare with a threshold is 1 - distance, kept in 0..1. */
function similarity(distance: number | string): number {
  return Math.min(1, Math.max(0, 1 - Number(distance)));
}
