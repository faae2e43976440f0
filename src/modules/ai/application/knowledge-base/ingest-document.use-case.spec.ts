import { strict } from '@test/support/strict-fake';
import type { PlanLimits } from '@modules/identity/application/plan-limits';
import type { KbChunkDraft, KbDocument } from '../../domain/knowledge-base/knowledge-base';
import { KbEmptyDocumentError, KbLimitError } from '../../domain/knowledge-base/knowledge-base';
import { EMBEDDING_BATCH_SIZE } from './embed-in-batches';
import { IngestDocument } from './ingest-document.use-case';
import type { EmbeddingProvider } from './ports/embedding-provider.port';
import type { KnowledgeBaseRepository, NewKbDocument } from './ports/knowledge-base.repository.port';

const TENANT = '11111111-1111-4111-8111-111111111111';

function setup(options: { limit: number | null; used?: number }) {
  const batches: string[][] = [];
  const inserted: { document: NewKbDocument; chunks: KbChunkDraft[] }[] = [];
  let transactions = 0;
  const embeddings = strict<EmbeddingProvider>('embeddings', {
    embed: async (texts: string[]) => {
      batches.push(texts);
      return texts.map((_, i) => [i, 1, 0]);
    },
  });
  // model and dimensions are properties, which strict() does not model: answer those two, delegate the rest.
  const provider = new Proxy(embeddings as object, {
    get: (target, property) => (property === 'model' ? 'fake-model' : property === 'dimensions' ? 3 : Reflect.get(target, property)),
  }) as EmbeddingProvider;
  const repository = strict<KnowledgeBaseRepository>('repository', {
    inTransaction: async <T>(_tenantId: string, work: () => Promise<T>) => {
      transactions += 1;
      return work();
    },
    totalBytes: async () => options.used ?? 0,
    insert: async (document: NewKbDocument, chunks: KbChunkDraft[]) => {
      inserted.push({ document, chunks });
      return { id: 'doc', ...document, chunkCount: chunks.length, status: 'ready', createdAt: new Date(0), updatedAt: new Date(0) } as KbDocument;
    },
  });
  const limits = strict<PlanLimits>('limits', { kbMaxBytes: async () => options.limit });
  return { useCase: new IngestDocument(repository, provider, limits), batches, inserted, transactions: () => transactions };
}

describe('IngestDocument', () => {
  it('stores the Markdown-stripped chunks with their vectors, the byte size, checksum and model, in one transaction', async () => {
    const { useCase, inserted, transactions } = setup({ limit: null });
    const content = '# Hours\n\nWe **open** at 9 — até às 18h.';
    await useCase.execute({ tenantId: TENANT, title: 'Hours', format: 'markdown', content });
    expect(transactions()).toBe(1);
    expect(inserted).toHaveLength(1);
    expect(inserted[0].document).toEqual({
      tenantId: TENANT,
      title: 'Hours',
      sourceType: 'markdown',
      bytes: Buffer.byteLength(content, 'utf8'),
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      embeddingModel: 'fake-model',
      embeddingDimensions: 3,
    });
    expect(inserted[0].chunks).toEqual([{ position: 0, content: 'Hours\nWe open at 9 — até às 18h.', tokens: Math.ceil('Hours\nWe open at 9 — até às 18h.'.length / 4), embedding: [0, 1, 0] }]);
  });

  it(`embeds in batches of at most ${EMBEDDING_BATCH_SIZE} texts`, async () => {
    const { useCase, batches, inserted } = setup({ limit: null });
    const content = Array.from({ length: 150 }, (_, i) => `Paragraph ${i} `.repeat(60)).join('\n\n');
    await useCase.execute({ tenantId: TENANT, title: 'Big', format: 'text', content });
    const total = inserted[0].chunks.length;
    expect(total).toBeGreaterThan(EMBEDDING_BATCH_SIZE * 2);
    const full = Math.floor(total / EMBEDDING_BATCH_SIZE);
    expect(batches.map((b) => b.length)).toEqual([...Array(full).fill(EMBEDDING_BATCH_SIZE), ...(total % EMBEDDING_BATCH_SIZE ? [total % EMBEDDING_BATCH_SIZE] : [])]);
    expect(batches.flat()).toEqual(inserted[0].chunks.map((c) => c.content));
    expect(inserted[0].chunks.map((c) => c.position)).toEqual([...Array(total).keys()]);
  });

  it("refuses a document that would take the tenant over its plan's kbMaxBytes, before embedding anything", async () => {
    const { useCase, batches, inserted } = setup({ limit: 100, used: 95 });
    await expect(useCase.execute({ tenantId: TENANT, title: 'x', format: 'text', content: 'sixsix' })).rejects.toBeInstanceOf(KbLimitError);
    expect(batches).toEqual([]);
    expect(inserted).toEqual([]);
  });

  it('accepts a document that fills the plan exactly', async () => {
    const { useCase, inserted } = setup({ limit: 100, used: 95 });
    await useCase.execute({ tenantId: TENANT, title: 'x', format: 'text', content: 'five!' });
    expect(inserted).toHaveLength(1);
  });

  it('refuses a document with no text once its markup is stripped', async () => {
    const { useCase, inserted } = setup({ limit: null });
    await expect(useCase.execute({ tenantId: TENANT, title: 'x', format: 'markdown', content: '***\n\n<br>' })).rejects.toBeInstanceOf(KbEmptyDocumentError);
    expect(inserted).toEqual([]);
  });
});
