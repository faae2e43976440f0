/** An answer given from the knowledge base, reusable for a close enough question. */
export interface CachedAnswer {
  id: string;
  answer: string;
  specialist: string | null;
  chunkIds: string[];
  score: number;
}

/** Per-tenant semantic answer cache (pgvector); only knowledge-base answers without personal data go in. */
export abstract class SemanticCache {
  abstract find(tenantId: string, question: string, minScore: number): Promise<CachedAnswer | null>;
  abstract store(tenantId: string, entry: { question: string; answer: string; specialist: string; chunkIds: string[] }): Promise<void>;
  /** The knowledge base changed: every cached answer of the tenant may be stale. */
  abstract invalidate(tenantId: string): Promise<void>;
}
