import { Client } from 'pg';
import { call, login, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { testRedis } from '../support/redis';
import { pause, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('kb');

const HOURS = [
  '# Store hours',
  '',
  'We **open** every day at 9 am and close at 6 pm. On Sundays we open at 10 am.',
  '',
  'Opening times may change on public holidays.',
].join('\n');
const RETURNS = 'Return policy. Products can be returned within 30 days with the receipt for a full refund.';
const DOCUMENT_VIEW_KEYS = ['bytes', 'checksum', 'chunkCount', 'createdAt', 'embeddingDimensions', 'embeddingModel', 'id', 'sourceType', 'status', 'title', 'updatedAt'];

describe('the tenant knowledge base: upload, search, delete, isolation, roles and the plan limit (local embeddings)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentOfA: string;
  let hoursId: string;
  let returnsId: string;

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(app.url, tenant)).token;

  const upload = (token: string, json: unknown) => call(app.url, 'POST', '/api/v1/knowledge-base/documents', { token, json });
  const search = (token: string, q: string, limit = 5) => call(app.url, 'GET', `/api/v1/knowledge-base/search?q=${encodeURIComponent(q)}&limit=${limit}`, { token });
  const chunksOf = (documentId: string) =>
    queryDb<{ position: number; content: string; dims: number; tenant_id: string }>(
      db.url,
      `SELECT position, content, vector_dims(embedding) AS dims, tenant_id FROM kb_chunks WHERE document_id = $1 ORDER BY position`,
      [documentId],
    );

  beforeAll(async () => {
    db = await createTestDatabase('knowledge_base');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    [a, b] = await Promise.all([newTenant(app.url, 'KB A'), newTenant(app.url, 'KB B')]);
    agentOfA = await newAgent(a);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it('stores an uploaded document as chunks with vectors of the configured dimension, Markdown stripped', async () => {
    const hours = await upload(a.adminToken, { title: 'Store hours', format: 'markdown', content: HOURS });
    expect(hours.status).toBe(201);
    expect(Object.keys(hours.body).sort()).toEqual(DOCUMENT_VIEW_KEYS);
    expect(hours.body).toMatchObject({ title: 'Store hours', sourceType: 'markdown', bytes: Buffer.byteLength(HOURS), status: 'ready', chunkCount: 1 });
    expect(hours.body.embeddingDimensions).toBe(app.config.EMBEDDING_DIMENSIONS);
    expect(hours.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    hoursId = hours.body.id;

    const returns = await upload(a.adminToken, { title: 'Returns', format: 'text', content: RETURNS });
    expect(returns.status).toBe(201);
    returnsId = returns.body.id;

    const chunks = await chunksOf(hoursId);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ position: 0, dims: app.config.EMBEDDING_DIMENSIONS, tenant_id: a.tenantId });
    expect(chunks[0].content).toContain('We open every day at 9 am');
    expect(chunks[0].content).not.toMatch(/[#*]/);
  });

  it('splits a long document into overlapping chunks in order', async () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} explains delivery area number ${i} and its fees in enough words to take space.`.repeat(2));
    const long = await upload(a.adminToken, { title: 'Delivery', format: 'text', content: paragraphs.join('\n\n') });
    expect(long.status).toBe(201);
    const chunks = await chunksOf(long.body.id);
    expect(chunks.length).toBe(long.body.chunkCount);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    for (const chunk of chunks) expect(chunk.content.length).toBeLessThanOrEqual(800);
    expect(await call(app.url, 'DELETE', `/api/v1/knowledge-base/documents/${long.body.id}`, { token: a.adminToken })).toMatchObject({ status: 204 });
  });

  it('lists and reads the documents of the tenant', async () => {
    const list = await call(app.url, 'GET', '/api/v1/knowledge-base/documents?limit=1', { token: a.adminToken });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(list.body.items).toHaveLength(1);
    const one = await call(app.url, 'GET', `/api/v1/knowledge-base/documents/${hoursId}`, { token: a.adminToken });
    expect(one.status).toBe(200);
    expect(one.body.title).toBe('Store hours');
  });

  it('answers "what time do you open" with the store-hours chunk first, for admins and agents alike', async () => {
    for (const token of [a.adminToken, agentOfA]) {
      const found = await search(token, 'what time do you open');
      expect(found.status).toBe(200);
      expect(found.body.items[0]).toMatchObject({ documentId: hoursId, title: 'Store hours', position: 0 });
      expect(found.body.items[0].content).toContain('9 am');
      expect(found.body.items[0].score).toBeGreaterThan(found.body.items[1].score);
    }
    const refund = await search(a.adminToken, 'can I get a refund?', 1);
    expect(refund.body.items.map((hit: { documentId: string }) => hit.documentId)).toEqual([returnsId]);
  });

  it('has an HNSW cosine index on the embeddings that the search query can use', async () => {
    const indexes = await queryDb<{ indexdef: string }>(db.url, `SELECT indexdef FROM pg_indexes WHERE tablename = 'kb_chunks' AND indexdef ILIKE '%hnsw%'`);
    expect(indexes.map((i) => i.indexdef).join('\n')).toMatch(/hnsw \(\(\(embedding\)::vector\(1536\)\) vector_cosine_ops\) WHERE \(embedding_dimensions = 1536\)/);
    const probe = `[${new Array(1536).fill(0).map((_, i) => (i === 0 ? 1 : 0)).join(',')}]`;
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // On a handful of rows the planner prefers a sequential scan; with it off, the index must still serve the query.
      await client.query('SET enable_seqscan = off');
      const explained = await client.query(
        `EXPLAIN SELECT id FROM kb_chunks WHERE tenant_id = $1 AND embedding_dimensions = 1536 AND embedding_model = 'local-hashed-v1'
         ORDER BY (embedding::vector(1536)) <=> $2::vector(1536) LIMIT 5`,
        [a.tenantId, probe],
      );
      expect(explained.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toContain('Index Scan using kb_chunks_embedding_1536_hnsw');
    } finally {
      await client.end();
    }
  });

  it('deletes a document with its chunks', async () => {
    const temporary = await upload(a.adminToken, { title: 'Temporary', format: 'text', content: 'Temporary note about parking.' });
    expect((await chunksOf(temporary.body.id)).length).toBe(1);
    const deleted = await call(app.url, 'DELETE', `/api/v1/knowledge-base/documents/${temporary.body.id}`, { token: a.adminToken });
    expect(deleted.status).toBe(204);
    expect(await chunksOf(temporary.body.id)).toEqual([]);
    expect((await call(app.url, 'GET', `/api/v1/knowledge-base/documents/${temporary.body.id}`, { token: a.adminToken })).status).toBe(404);
  });

  it("keeps tenants apart: B cannot read, delete or find A's documents", async () => {
    const read = await call(app.url, 'GET', `/api/v1/knowledge-base/documents/${hoursId}`, { token: b.adminToken });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('AI.KB_DOCUMENT_NOT_FOUND');
    expect((await call(app.url, 'DELETE', `/api/v1/knowledge-base/documents/${hoursId}`, { token: b.adminToken })).status).toBe(404);
    expect((await call(app.url, 'GET', '/api/v1/knowledge-base/documents', { token: b.adminToken })).body).toMatchObject({ items: [], total: 0 });
    expect((await search(b.adminToken, 'what time do you open')).body.items).toEqual([]);
    expect(await chunksOf(hoursId)).toHaveLength(1);
  });

  it('lets agents search only: upload, list, read, delete and reindex are for tenant admins', async () => {
    expect((await upload(agentOfA, { title: 'x', format: 'text', content: 'x' })).status).toBe(403);
    expect((await call(app.url, 'GET', '/api/v1/knowledge-base/documents', { token: agentOfA })).status).toBe(403);
    expect((await call(app.url, 'GET', `/api/v1/knowledge-base/documents/${hoursId}`, { token: agentOfA })).status).toBe(403);
    expect((await call(app.url, 'DELETE', `/api/v1/knowledge-base/documents/${hoursId}`, { token: agentOfA })).status).toBe(403);
    expect((await call(app.url, 'POST', '/api/v1/knowledge-base/reindex', { token: agentOfA })).status).toBe(403);
  });

  it('validates uploads', async () => {
    for (const json of [
      { title: 'x', format: 'pdf', content: 'x' },
      { title: ' ', format: 'text', content: 'x' },
      { title: 'x', format: 'text', content: '' },
      { title: 'x', format: 'text', content: 'x', extra: true },
    ]) {
      expect((await upload(a.adminToken, json)).status).toBe(400);
    }
    const blank = await upload(a.adminToken, { title: 'Blank', format: 'markdown', content: '---\n\n' });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('AI.KB_EMPTY_DOCUMENT');
  });

  it('indexes a million characters of Markdown built to be slow to strip while /health/live keeps answering', async () => {
    // 120,000 "[" once blocked the event loop for 16 s; a million was minutes for every tenant.
    const hostile = '['.repeat(400_000) + ' **a'.repeat(100_000) + '[a]('.repeat(50_000);
    let uploading = true;
    const gaps: number[] = [];
    const probe = (async () => {
      let last = Date.now();
      while (uploading) {
        expect((await call(app.url, 'GET', '/health/live')).status).toBe(200);
        gaps.push(Date.now() - last);
        last = Date.now();
        await pause(50);
      }
    })();
    const uploaded = await upload(a.adminToken, { title: 'Hostile', format: 'markdown', content: hostile }).finally(() => (uploading = false));
    await probe;

    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ status: 'ready', bytes: hostile.length });
    // Generous: the bound is for "never blocked", not for speed.
    expect(gaps.filter((gap) => gap > 2_000)).toEqual([]);
    expect((await call(app.url, 'DELETE', `/api/v1/knowledge-base/documents/${uploaded.body.id}`, { token: a.adminToken })).status).toBe(204);
  });

  it("refuses an upload that would take the tenant over its plan's kbMaxBytes with 422 AI.KB_LIMIT", async () => {
    const platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const plan = await call(app.url, 'POST', '/api/v1/plans', {
      token: platform,
      json: { code: 'kb-tiny', name: 'KB tiny', aiRepliesPerMonth: null, kbMaxBytes: 200, maxSpecialists: null, allowedTools: [], features: {} },
    });
    expect(plan.status).toBe(201);
    expect((await call(app.url, 'PUT', `/api/v1/tenants/${b.tenantId}/subscription`, { token: platform, json: { planCode: 'kb-tiny' } })).status).toBe(200);

    expect((await upload(b.adminToken, { title: 'Fits', format: 'text', content: 'f'.repeat(150) })).status).toBe(201);
    const over = await upload(b.adminToken, { title: 'Too much', format: 'text', content: 'o'.repeat(51) });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('AI.KB_LIMIT');
    expect((await upload(b.adminToken, { title: 'Exactly', format: 'text', content: 'e'.repeat(50) })).status).toBe(201);
    const [{ n }] = await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM kb_documents WHERE tenant_id = $1`, [b.tenantId]);
    expect(n).toBe(2);
  });

  it('reindex reports nothing to do when every chunk already uses the configured model', async () => {
    const reindex = await call(app.url, 'POST', '/api/v1/knowledge-base/reindex', { token: a.adminToken });
    expect(reindex.status).toBe(200);
    expect(reindex.body).toEqual({ chunksReembedded: 0, documentsUpdated: 0, model: 'local-hashed-v1', dimensions: app.config.EMBEDDING_DIMENSIONS });
  });

  it('reindex re-embeds chunks stored with another model and records the new model on their document', async () => {
    await queryDb(db.url, `UPDATE kb_chunks SET embedding_model = 'old-model' WHERE document_id = $1`, [returnsId]);
    await queryDb(db.url, `UPDATE kb_documents SET embedding_model = 'old-model' WHERE id = $1`, [returnsId]);
    const before = await search(a.adminToken, 'can I get a refund?');
    expect(before.body.items.map((hit: { documentId: string }) => hit.documentId)).not.toContain(returnsId);

    const reindex = await call(app.url, 'POST', '/api/v1/knowledge-base/reindex', { token: a.adminToken });
    expect(reindex.body).toMatchObject({ chunksReembedded: 1, documentsUpdated: 1 });
    const after = await search(a.adminToken, 'can I get a refund?', 1);
    expect(after.body.items[0].documentId).toBe(returnsId);
    expect((await call(app.url, 'GET', `/api/v1/knowledge-base/documents/${returnsId}`, { token: a.adminToken })).body.embeddingModel).toBe('local-hashed-v1');
  });
});
