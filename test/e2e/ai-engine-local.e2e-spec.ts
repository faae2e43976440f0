import { call, newTenant, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';

const STORE_GUIDE = [
  '# Horário de funcionamento',
  '',
  'A loja abre de segunda a sexta das 9h às 18h e aos sábados das 9h às 13h. Não abrimos aos domingos.',
  '',
  '# Trocas e devoluções',
  '',
  'Você pode trocar um produto em até 30 dias com a nota fiscal. Produtos em promoção também podem ser trocados.',
  '',
  '# Formas de pagamento',
  '',
  'Aceitamos Pix, boleto e cartão de crédito em até 6 vezes sem juros.',
].join('\n');

/** The offline provider runs the same engine path: keyword router → specialist agent → real tools. */
describe('the AI engine on the offline local provider', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let phone = 5511933330000;
  const nextCustomer = () => `+${(phone += 1)}`;

  beforeAll(async () => {
    stack = await startStack('ai_engine_local');
    tenant = await newTenant(stack.app.url, 'Local');
    const upload = await call(stack.app.url, 'POST', '/api/v1/knowledge-base/documents', { token: tenant.adminToken, json: { title: 'Guia da loja', format: 'markdown', content: STORE_GUIDE } });
    expect(upload.status).toBe(201);
  });

  afterAll(() => stack?.close());

  const lastRun = async (customer: string) =>
    (
      await stack.query<{ route: string; outcome: string; tool_calls: { tool: string }[]; retrieved_chunk_ids: string[]; provider: string; model: string; confidence: number }>(
        `SELECT r.* FROM ai_results r JOIN messages m ON m.id = r.inbound_message_id WHERE m.from_address = $1 ORDER BY r.created_at DESC LIMIT 1`,
        [`whatsapp:${customer}`],
      )
    )[0];
  const conversationsOf = (customer: string) =>
    stack.query<{ id: string; state: string; handoff_reason: string | null }>(
      `SELECT c.id, c.state, c.handoff_reason FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1 ORDER BY c.created_at`,
      [customer],
    );

  it('answers a question from the knowledge base with the right passage, through the search tool, citing the chunk', async () => {
    const customer = nextCustomer();

    const sent = await stack.ask(tenant, customer, 'Qual o horário de funcionamento no sábado?');

    expect(sent.body).toContain('aos sábados das 9h às 13h');
    const run = await lastRun(customer);
    expect(run).toMatchObject({ outcome: 'answered', route: 'support', provider: 'local', model: 'atende-local-v1' });
    expect(run.tool_calls.map((c) => c.tool)).toEqual(['search_knowledge_base']);
    const [chunk] = await stack.query<{ id: string }>(`SELECT id FROM kb_chunks WHERE content LIKE '%aos sábados das 9h%'`);
    expect(run.retrieved_chunk_ids).toEqual([chunk.id]);
  });

  it('routes by keywords: a payment question goes to the billing specialist', async () => {
    const customer = nextCustomer();

    const sent = await stack.ask(tenant, customer, 'Posso pagar com pix ou boleto?');

    expect(sent.body).toContain('Pix, boleto e cartão');
    const run = await lastRun(customer);
    expect(run.route).toBe('billing');
    expect(run.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('remembers a fact in one conversation and recalls it in the next one (L3)', async () => {
    const customer = nextCustomer();
    const noted = await stack.ask(tenant, customer, 'Meu nome é Carla e sou alérgica a amendoim');
    expect(noted.body).toContain('Anotado');
    const [first] = await conversationsOf(customer);
    await stack.query(`UPDATE conversations SET state = 'CLOSED' WHERE id = $1`, [first.id]);

    const recalled = await stack.ask(tenant, customer, 'Você lembra do que eu sou alérgica?');

    expect(recalled.body).toContain('amendoim');
    const conversations = await conversationsOf(customer);
    expect(conversations).toHaveLength(2);
    expect((await lastRun(customer)).tool_calls.map((c) => c.tool)).toEqual(['recall_memories']);
    const memories = await stack.query<{ conversation_id: string; kind: string }>(
      `SELECT m.conversation_id, m.kind FROM contact_memories m JOIN contacts k ON k.id = m.contact_id WHERE k.phone_number = $1`,
      [customer],
    );
    expect(memories).toEqual([{ conversation_id: first.id, kind: 'fact' }]);
  });

  it('says honestly that a person will help, and hands over, when it has nothing to answer with', async () => {
    const customer = nextCustomer();

    const sent = await stack.ask(tenant, customer, 'Vocês consertam bicicletas elétricas importadas?');

    expect(sent.body).toContain('pessoa da nossa equipe');
    const [conversation] = await conversationsOf(customer);
    expect(conversation).toMatchObject({ state: 'HANDOFF_PENDING', handoff_reason: 'agent_requested_human' });
    expect((await lastRun(customer)).tool_calls.map((c) => c.tool)).toEqual(['search_knowledge_base', 'request_human']);
  });

  it('greets without tools', async () => {
    const customer = nextCustomer();
    const sent = await stack.ask(tenant, customer, 'Oi, bom dia!');
    expect(sent.body).toMatch(/^Olá, Cliente Teste! Sou o assistente virtual de Local/);
    expect((await lastRun(customer)).tool_calls).toEqual([]);
  });
});
