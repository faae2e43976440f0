import { call, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { testRedis } from '../support/redis';
import { OpenAiStandIn, textOf } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, PLATFORM_ADMIN, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const HOURS = 'Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h. Aos sábados abrimos das 9h às 13h.';
const EXCHANGES = 'Política de trocas: produtos podem ser trocados em até 30 dias com a nota fiscal.';
const PAYMENT = 'Aceitamos pagamento em cartão de crédito, débito, Pix e boleto.';
/** The offline provider never guesses: with nothing to quote it hands the chat to a person. */
const PERSON_WILL_HELP = 'Vou chamar uma pessoa da nossa equipe';

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

/** The AI run that answered the customer's last message. */
async function auditOf(db: Db, customer: string): Promise<{ outcome: string; retrieved_chunk_ids: string[]; route: string | null }> {
  const rows = await queryDb<{ outcome: string; retrieved_chunk_ids: string[]; route: string | null }>(
    db.url,
    `SELECT r.outcome, r.retrieved_chunk_ids, r.route FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id
     WHERE m.from_address = $1 ORDER BY r.created_at DESC LIMIT 1`,
    [`whatsapp:${customer}`],
  );
  return rows[0];
}

async function uploadDocuments(app: TestApp, db: Db, tenant: TenantFixture): Promise<string> {
  for (const [title, content] of [['Horários', HOURS], ['Trocas', EXCHANGES], ['Pagamento', PAYMENT]]) {
    const upload = await call(app.url, 'POST', '/api/v1/knowledge-base/documents', { token: tenant.adminToken, json: { title, format: 'text', content } });
    expect(upload.status).toBe(201);
  }
  const [hours] = await queryDb<{ id: string }>(db.url, `SELECT id FROM kb_chunks WHERE tenant_id = $1 AND content LIKE 'Nosso horário%'`, [tenant.tenantId]);
  return hours.id;
}

async function disableKnowledgeBase(app: TestApp, tenant: TenantFixture): Promise<void> {
  const platform = await login(app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  const put = await call(app.url, 'PUT', `/api/v1/tenants/${tenant.tenantId}/feature-flags/knowledge_base`, { token: platform, json: { enabled: false } });
  expect(put.status).toBe(200);
}

describe('answers grounded on the tenant knowledge base, local provider', () => {
  const redis = testRedis('kbanswers_local');
  let twilio: TwilioStandIn;
  let db: Db;
  let app: TestApp;
  let tenant: TenantFixture;
  let hoursChunkId: string;

  const replyTo = async (customer: string, body: string) => {
    await postInbound(app.url, inboundForm(tenant, { from: customer, body }), tenant.number.authToken);
    const [sent] = await eventually(() => {
      const sentTo = twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`);
      return sentTo.length > 0 && sentTo;
    }, 'the reply at the Twilio stand-in');
    return sent.body;
  };

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    db = await createTestDatabase('kb_answers_local');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url }));
    tenant = await newTenant(app.url, 'Loja KB Local');
    hoursChunkId = await uploadDocuments(app, db, tenant);
  });

  afterAll(async () => {
    await app?.close();
    await twilio?.stop();
    await db?.drop();
    await redis.cleanup();
  });

  it('answers a question from the matching passage, quoting it, and audits the chunk it used', async () => {
    const customer = '+5511922220001';
    const reply = await replyTo(customer, 'Qual o horário de funcionamento?');
    expect(reply).toBe('Segundo nossas informações: "Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h."');
    expect(await auditOf(db, customer)).toMatchObject({ outcome: 'answered', retrieved_chunk_ids: [hoursChunkId] });
  });

  it('says honestly that a person will help, cites no chunk and hands over, when the knowledge base does not cover the question', async () => {
    const customer = '+5511922220002';
    const reply = await replyTo(customer, 'Vocês vendem bicicletas?');
    expect(reply).toContain(PERSON_WILL_HELP);
    expect(await auditOf(db, customer)).toMatchObject({ outcome: 'handed_off', retrieved_chunk_ids: [] });
  });

  it('does not look in the knowledge base once the platform admin turns the knowledge_base flag off', async () => {
    await disableKnowledgeBase(app, tenant);
    const customer = '+5511922220003';
    const reply = await replyTo(customer, 'Qual o horário de funcionamento?');
    expect(reply).toContain(PERSON_WILL_HELP);
    expect(await auditOf(db, customer)).toMatchObject({ retrieved_chunk_ids: [] });
  });
});

describe('answers grounded on the tenant knowledge base, OpenAI-compatible provider', () => {
  const redis = testRedis('kbanswers_openai');
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Db;
  let app: TestApp;
  let tenant: TenantFixture;
  let hoursChunkId: string;

  const ask = async (customer: string, body: string) => {
    await postInbound(app.url, inboundForm(tenant, { from: customer, body }), tenant.number.authToken);
    await eventually(() => twilio.accepted.some((m) => m.to === `whatsapp:${customer}`), 'the reply at the Twilio stand-in');
    return openai.completions.filter((c) => c.messages.some((m) => m.role === 'user' && m.content === body)).pop()!;
  };

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    db = await createTestDatabase('kb_answers_openai');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url }));
    tenant = await newTenant(app.url, 'Loja KB OpenAI');
    hoursChunkId = await uploadDocuments(app, db, tenant);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  it('puts the retrieved chunks in the system prompt as the only facts to use, and audits their ids', async () => {
    const customer = '+5511933330001';
    const completion = await ask(customer, 'Qual o horário de funcionamento?');
    const system = textOf(completion.messages.find((m) => m.role === 'system')!.content);
    expect(system).toContain(`Horários\n${HOURS}`);
    expect(system).toContain('the only facts about the business you may use');
    const audit = await auditOf(db, customer);
    expect(audit.retrieved_chunk_ids).toContain(hoursChunkId);
    expect(audit.retrieved_chunk_ids.length).toBeLessThanOrEqual(4);
  });

  it('neither embeds the question nor adds knowledge to the prompt when the knowledge_base flag is off', async () => {
    await disableKnowledgeBase(app, tenant);
    const embeddingsBefore = openai.embeddingRequests.length;
    const customer = '+5511933330002';
    const completion = await ask(customer, 'Qual o horário de funcionamento?');
    expect(textOf(completion.messages.find((m) => m.role === 'system')!.content)).not.toContain(HOURS);
    expect(openai.embeddingRequests.length).toBe(embeddingsBefore);
    expect(await auditOf(db, customer)).toMatchObject({ retrieved_chunk_ids: [] });
  });
});
