import { createHash } from 'node:crypto';
import { call, newTenant, TenantFixture } from '../support/api-client';
import { buildPdf, deflateRepeated } from '../support/pdf';
import { testRedis } from '../support/redis';
import { startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('kb_pdf');

const DELIVERY_SENTENCE = 'Deliveries to Recife take three business days.';
// Long enough that page 1 fills a chunk of its own, so the search has to pick the right one.
const RETURNS_PAGE = [
  'Returns and refunds',
  'Products can be returned within 30 days of purchase with the original receipt.',
  'Refunds go back to the card used for the purchase within ten days.',
  'Gift cards, perishable food and opened cosmetics cannot be returned.',
  'Items bought on sale can be exchanged for store credit only.',
  'A damaged product is replaced at no cost when reported within a week.',
  'Our staff inspect every returned item before the refund is approved.',
  'Online orders can also be returned in any of our physical stores.',
  'Please bring the packaging and all accessories that came with the item.',
  'Exchanges for a different size are free of charge for clothing and shoes.',
  'Questions about a return can be sent to the support team by e-mail.',
];
const DELIVERY_PAGE = ['Delivery', `${DELIVERY_SENTENCE} Orders placed before noon ship the same day.`];

describe('PDF documents in the knowledge base (real pdfjs-dist, local embeddings)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;

  const upload = (json: unknown) => call(app.url, 'POST', '/api/v1/knowledge-base/documents', { token: a.adminToken, json });
  const uploadPdf = (pdf: Buffer, title = 'Handbook') => upload({ title, format: 'pdf', contentBase64: pdf.toString('base64') });

  beforeAll(async () => {
    db = await createTestDatabase('kb_pdf');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    a = await newTenant(app.url, 'KB PDF');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it("indexes a PDF's text page by page, counting the PDF's own bytes, and finds the delivery sentence first", async () => {
    const pdf = buildPdf([RETURNS_PAGE, DELIVERY_PAGE]);
    const created = await uploadPdf(pdf);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Handbook',
      sourceType: 'pdf',
      bytes: pdf.byteLength,
      checksum: createHash('sha256').update(pdf).digest('hex'),
      status: 'ready',
    });
    const chunks = await queryDb<{ content: string }>(db.url, 'SELECT content FROM kb_chunks WHERE document_id = $1 ORDER BY position', [created.body.id]);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.some((chunk) => chunk.content.includes(DELIVERY_SENTENCE))).toBe(true);
    expect(chunks[0].content.startsWith('Returns and refunds Products can be returned within 30 days')).toBe(true);

    const search = await call(app.url, 'GET', `/api/v1/knowledge-base/search?q=${encodeURIComponent('how long does delivery to Recife take')}`, { token: a.adminToken });
    expect(search.status).toBe(200);
    expect(search.body.items[0]).toMatchObject({ documentId: created.body.id, title: 'Handbook' });
    expect(search.body.items[0].content).toContain(DELIVERY_SENTENCE);
  });

  it('refuses base64 that is not a PDF with 422 AI.KB_INVALID_PDF', async () => {
    const response = await upload({ title: 'Not a PDF', format: 'pdf', contentBase64: Buffer.from('just a text file, not a PDF').toString('base64') });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ statusCode: 422, code: 'AI.KB_INVALID_PDF', message: expect.stringMatching(/could not be read as a PDF/) });
  });

  it('refuses a PDF whose content stream inflates to 600 MiB with 422 AI.KB_INVALID_PDF, naming the memory it would need', async () => {
    const bomb = buildPdf([['x']], { deflatedContent: await deflateRepeated(Buffer.alloc(1024 * 1024, ' '), 600) });
    const response = await uploadPdf(bomb);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ statusCode: 422, code: 'AI.KB_INVALID_PDF', message: expect.stringMatching(/needed more than \d+ MB of memory/) });
  });

  it('refuses a password-protected PDF with 422 AI.KB_INVALID_PDF', async () => {
    const response = await uploadPdf(buildPdf([['Secret prices']], { passwordProtected: true }));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'AI.KB_INVALID_PDF', message: expect.stringMatching(/password/) });
  });

  it('refuses a PDF without text, as a scanned one, with 422 AI.KB_EMPTY_DOCUMENT', async () => {
    const response = await uploadPdf(buildPdf([[], []]), 'Scan');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'AI.KB_EMPTY_DOCUMENT', message: expect.stringMatching(/no extractable text/) });
  });

  it('takes exactly one of content (text, markdown) and contentBase64 (pdf): anything else is a 400', async () => {
    const pdfBase64 = buildPdf([['x']]).toString('base64');
    for (const json of [
      { title: 'Both', format: 'pdf', content: 'x', contentBase64: pdfBase64 },
      { title: 'Both', format: 'text', content: 'x', contentBase64: pdfBase64 },
      { title: 'Text in a PDF', format: 'pdf', content: 'x' },
      { title: 'PDF as text', format: 'text', contentBase64: pdfBase64 },
      { title: 'PDF as Markdown', format: 'markdown', contentBase64: pdfBase64 },
      { title: 'Nothing', format: 'pdf' },
      { title: 'Not base64', format: 'pdf', contentBase64: 'this is %% not base64!' },
    ]) {
      const response = await upload(json);
      expect({ title: json.title, status: response.status }).toEqual({ title: json.title, status: 400 });
    }
    const [{ n }] = await queryDb<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM kb_documents WHERE tenant_id = $1', [a.tenantId]);
    expect(n).toBe(1);
  });

  it('takes a PDF larger than the 1 MiB other routes allow, and answers a body over 15 MiB with a JSON 413', async () => {
    const large = buildPdf([['Large file', 'Our warehouse is in Olinda.']], { paddingBytes: 2 * 1024 * 1024 });
    const created = await uploadPdf(large, 'Large');
    expect(created.status).toBe(201);
    expect(created.body.bytes).toBe(large.byteLength);

    const tooLarge = await upload({ title: 'Too large', format: 'pdf', contentBase64: 'A'.repeat(16 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });

    const otherRoute = await call(app.url, 'POST', '/api/v1/auth/login', { json: { email: 'x@y.test', password: 'p'.repeat(2 * 1024 * 1024) } });
    expect(otherRoute.status).toBe(413);
  });
});
