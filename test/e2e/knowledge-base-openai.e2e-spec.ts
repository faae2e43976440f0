import { call, newTenant, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';
import { hashedEmbedding } from '../../src/modules/ai/domain/knowledge-base/hashed-embedding';

const redis = testRedis('kbopenai');
const MODEL = 'text-embedding-stand-in';
const DIMENSIONS = 768;

describe('the knowledge base through the real OpenAIEmbeddings client against an OpenAI-compatible stand-in', () => {
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('kb_openai');
    app = await startTestApp(
      testEnv({ databaseUrl: db.appUrl, redis, openAiUrl: openai.url, extra: { EMBEDDING_MODEL: MODEL, EMBEDDING_DIMENSIONS: String(DIMENSIONS) } }),
    );
    tenant = await newTenant(app.url, 'KB OpenAI');
  });

  afterAll(async () => {
    await app?.close();
    await openai?.stop();
    await db?.drop();
    await redis.cleanup();
  });

  it('embeds a long document in batches of at most 64 and stores the vectors the endpoint returned', async () => {
    const paragraphs = Array.from({ length: 100 }, (_, i) => `Section ${i}. ` + `Delivery rule ${i} applies to region ${i} on weekdays. `.repeat(12));
    const upload = await call(app.url, 'POST', '/api/v1/knowledge-base/documents', {
      token: tenant.adminToken,
      json: { title: 'Delivery rules', format: 'text', content: paragraphs.join('\n\n') },
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ embeddingModel: MODEL, embeddingDimensions: DIMENSIONS });
    const chunkCount: number = upload.body.chunkCount;
    expect(chunkCount).toBeGreaterThan(64);

    const requests = openai.embeddingRequests;
    const sizes = requests.map((r) => (Array.isArray(r.input) ? r.input.length : 1));
    expect(sizes.every((n) => n <= 64)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(chunkCount);
    expect(requests.length).toBe(Math.ceil(chunkCount / 64));
    for (const r of requests) expect(r).toMatchObject({ model: MODEL, dimensions: DIMENSIONS, encoding_format: 'base64' });

    const [stored] = await queryDb<{ content: string; embedding: string; embedding_model: string }>(
      db.url,
      `SELECT content, embedding::text AS embedding, embedding_model FROM kb_chunks WHERE document_id = $1 AND position = 70`,
      [upload.body.id],
    );
    expect(stored.embedding_model).toBe(MODEL);
    const vector = JSON.parse(stored.embedding) as number[];
    const expected = hashedEmbedding(stored.content, DIMENSIONS);
    expect(vector).toHaveLength(DIMENSIONS);
    expect(vector.some((v) => v !== 0)).toBe(true);
    vector.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('embeds the query through the same endpoint and finds the matching chunk first', async () => {
    await call(app.url, 'POST', '/api/v1/knowledge-base/documents', {
      token: tenant.adminToken,
      json: { title: 'Store hours', format: 'text', content: 'We open every day at 9 am and close at 6 pm.' },
    });
    const before = openai.embeddingRequests.length;
    const found = await call(app.url, 'GET', `/api/v1/knowledge-base/search?q=${encodeURIComponent('what time do you open')}&limit=3`, { token: tenant.adminToken });
    expect(found.status).toBe(200);
    expect(found.body.items[0].title).toBe('Store hours');
    expect(openai.embeddingRequests.slice(before).map((r) => r.input)).toEqual([['what time do you open']]);
  });
});
