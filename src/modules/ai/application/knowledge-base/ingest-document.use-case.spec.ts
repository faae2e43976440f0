import { createHash } from 'node:crypto';
import { strict } from '@test/support/strict-fake';
import type { PlanLimits } from '@modules/identity/application/plan-limits';
import type { KbChunkDraft, KbDocument } from '../../domain/knowledge-base/knowledge-base';
import { KbEmptyDocumentError, KbLimitError } from '../../domain/knowledge-base/knowledge-base';
import { KbInvalidPdfError, type PdfTextItem } from '../../domain/knowledge-base/pdf-text';
import { EMBEDDING_BATCH_SIZE } from './embed-in-batches';
import { IngestDocument } from './ingest-document.use-case';
import type { EmbeddingProvider } from './ports/embedding-provider.port';
import type { KnowledgeBaseRepository, NewKbDocument } from './ports/knowledge-base.repository.port';
import type { PdfTextExtractor } from './ports/pdf-text-extractor.port';
import type { SemanticCache } from '../engine/semantic-cache.port';

const TENANT = '11111111-1111-4111-8111-111111111111';

/** `pdfPages`: what the fake extractor reads from any PDF; without it, reading a PDF fails the test. */
function setup(options: { limit: number | null; used?: number; pdfPages?: PdfTextItem[][] }) {
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
  const pdfPages = options.pdfPages;
  const pdfs = strict<PdfTextExtractor>('pdfs', pdfPages ? { extractPages: async () => pdfPages } : {});
  const invalidated: string[] = [];
  const cache = strict<SemanticCache>('cache', { invalidate: async (tenantId: string) => void invalidated.push(tenantId) });
  return { useCase: new IngestDocument(repository, provider, limits, pdfs, cache), batches, inserted, invalidated, transactions: () => transactions };
}

describe('IngestDocument', () => {
  it("empties the tenant's semantic cache after a document is stored: a cached answer may contradict it", async () => {
    const { useCase, invalidated } = setup({ limit: null });
    await useCase.execute({ tenantId: TENANT, title: 'Hours', format: 'text', content: 'We open at 9.' });
    expect(invalidated).toEqual([TENANT]);
  });

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

  describe('a PDF', () => {
    const pdf = Buffer.from('%PDF-1.4\n(pretend the rest of a PDF is here)\n%%EOF\n', 'latin1');
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

    it('indexes the text of its pages and counts, and checksums, the uploaded bytes rather than the text', async () => {
      const pdfPages = [[{ str: 'Store hours', hasEOL: true }, { str: 'We open at 9 am.', hasEOL: false }], [{ str: 'Deliveries to Recife take three business days.', hasEOL: false }]];
      const { useCase, inserted } = setup({ limit: null, pdfPages });
      await useCase.execute({ tenantId: TENANT, title: 'Handbook', format: 'pdf', pdf });
      expect(inserted[0].document).toMatchObject({ sourceType: 'pdf', bytes: pdf.byteLength, checksum: sha256(pdf) });
      expect(inserted[0].chunks.map((c) => c.content)).toEqual(['Store hours We open at 9 am.\nDeliveries to Recife take three business days.']);
    });

    it('refuses bytes without a PDF header with AI.KB_INVALID_PDF, without reading them', async () => {
      const { useCase, inserted } = setup({ limit: null });
      const error = await useCase.execute({ tenantId: TENANT, title: 'x', format: 'pdf', pdf: Buffer.from('just some text') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KbInvalidPdfError);
      expect(error).toMatchObject({ code: 'AI.KB_INVALID_PDF' });
      expect(inserted).toEqual([]);
    });

    it('refuses a PDF without text, as a scanned one, with AI.KB_EMPTY_DOCUMENT and a hint at OCR', async () => {
      const { useCase, inserted } = setup({ limit: null, pdfPages: [[], [{ str: ' ', hasEOL: true }]] });
      const error = await useCase.execute({ tenantId: TENANT, title: 'Scan', format: 'pdf', pdf }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KbEmptyDocumentError);
      expect((error as Error).message).toMatch(/no extractable text.*OCR/);
      expect(inserted).toEqual([]);
    });

    it('refuses a PDF that would take the tenant over kbMaxBytes before reading it', async () => {
      const { useCase } = setup({ limit: 10, used: 0 });
      await expect(useCase.execute({ tenantId: TENANT, title: 'x', format: 'pdf', pdf })).rejects.toBeInstanceOf(KbLimitError);
    });
  });
});
