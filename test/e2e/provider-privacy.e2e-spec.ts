import { call, login, newTenant, TenantFixture } from '../support/api-client';
import { textOf } from '../support/stand-ins/openai-stand-in';
import { startStack, Stack } from '../support/stack';
import { eventually, PLATFORM_ADMIN } from '../support/test-app';

/** A CPF with a valid checksum, an e-mail and a mobile number: what pii_masking must keep from the provider. */
const CPF = '529.982.247-25';
const EMAIL = 'ana.souza@example.com';
const PHONE = '(11) 98765-4321';
const SPELLINGS = [CPF, '52998224725', EMAIL, '98765-4321', '987654321'];

/** Personal data and the providers: with pii_masking on, nothing the OpenAI stand-in receives carries it. */
describe('personal data masked in every text sent to the provider: chat, summaries, facts and their embeddings', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  const openai = () => stack.openai!;
  const customer = '+5511944440001';

  beforeAll(async () => {
    stack = await startStack('provider_privacy', { openai: true });
    tenant = await newTenant(stack.app.url, 'Privacy');
    const platform = await login(stack.app.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const flag = await call(stack.app.url, 'PUT', `/api/v1/tenants/${tenant.tenantId}/feature-flags/pii_masking`, { token: platform, json: { enabled: true } });
    expect(flag.status).toBe(200);
  });

  afterAll(() => stack?.close());

  const memoriesOf = (kind: 'fact' | 'summary') =>
    stack.query<{ content: string }>(`SELECT m.content FROM contact_memories m JOIN contacts c ON c.id = m.contact_id WHERE c.phone_number = $1 AND m.kind = $2`, [customer, kind]);

  it('keeps the CPF, e-mail and phone from every request through a remembered fact, a closed conversation summarized, and a later recall that still finds them', async () => {
    openai().script = [
      { toolCalls: [{ name: 'remember_fact', args: { fact: 'O CPF da cliente é [CPF_1], o e-mail é [EMAIL_1] e o telefone é [PHONE_1]' } }] },
      { content: 'Anotado, [EMAIL_1]!' },
    ];
    const noted = await stack.ask(tenant, customer, `Meu CPF é ${CPF}, meu e-mail é ${EMAIL} e meu telefone é ${PHONE}. Guardem, por favor.`);
    expect(noted.body).toBe(`Anotado, ${EMAIL}!`);
    // Our own database keeps the real values: only what is sent is masked.
    expect(await memoriesOf('fact')).toEqual([{ content: `O CPF da cliente é ${CPF}, o e-mail é ${EMAIL} e o telefone é ${PHONE}` }]);

    const [conversation] = await stack.query<{ id: string }>(`SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1`, [customer]);
    openai().reply = 'A cliente informou o CPF [CPF_1], o e-mail [EMAIL_1] e o telefone [PHONE_1] e pediu que fossem guardados.';
    expect((await call(stack.app.url, 'POST', `/api/v1/conversations/${conversation.id}/close`, { token: tenant.adminToken })).status).toBe(200);
    const [summary] = await eventually(async () => {
      const rows = await memoriesOf('summary');
      return rows.length > 0 && rows;
    }, 'the summary of the closed conversation');
    expect(summary.content).toContain(CPF);

    openai().script = [{ toolCalls: [{ name: 'recall_memories', args: { query: 'CPF, e-mail e telefone da cliente' } }] }, { content: 'Seu CPF cadastrado é [CPF_1].' }];
    const recalled = await stack.ask(tenant, customer, 'Qual é o CPF que vocês têm de mim?');

    expect(recalled.body).toBe(`Seu CPF cadastrado é ${CPF}.`);
    const toolResults = openai().agentCompletions.flatMap((c) => c.messages.filter((m) => m.role === 'tool').map((m) => textOf(m.content)));
    expect(toolResults.join('\n')).toContain('O CPF da cliente é [CPF_1], o e-mail é [EMAIL_1] e o telefone é [PHONE_1]');
    const embedded = openai().embeddingRequests.flatMap((r) => (Array.isArray(r.input) ? r.input : [r.input]));
    expect(embedded).toEqual(expect.arrayContaining([expect.stringContaining('O CPF da cliente é [CPF]'), expect.stringContaining('o CPF [CPF]')]));
    for (const body of openai().requestBodies) for (const spelling of SPELLINGS) expect(body).not.toContain(spelling);
  });
});
