import { randomBytes } from 'node:crypto';
import { call, HttpResult, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';
import { eventually } from '../support/test-app';

const HX = () => `HX${randomBytes(16).toString('hex')}`;
const customerPhone = () => `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/**
 * The channel's outbound policy end to end (real PostgreSQL and Redis, the Twilio and OpenAI
 * stand-ins reached through the real SDKs): templates and channel settings over the API, the
 * 24-hour window for agents and the AI, Twilio's 63016, and opting out and back in.
 */
describe('WhatsApp outbound policy: the 24-hour window, templates and opt-out', () => {
  let stack: Stack;

  const api = <T = any>(token: string, method: string, path: string, json?: unknown): Promise<HttpResult<T>> => call<T>(stack.app.url, method, path, { token, json });
  const noDebounce = async (tenant: TenantFixture) => expect((await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { debounceMs: 0 })).status).toBe(200);
  const template = async (tenant: TenantFixture, body: Record<string, unknown>) => {
    const created = await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', { name: `t-${randomBytes(3).toString('hex')}`, contentSid: HX(), ...body });
    expect(created.status).toBe(201);
    return created.body as { id: string; contentSid: string };
  };
  /** Posts a customer message and waits until it was handled (answered or not). */
  const sendAndWaitHandled = async (tenant: TenantFixture, customer: string, body: string): Promise<void> => {
    const form = inboundForm(tenant, { from: customer, body });
    expect((await postInbound(stack.app.url, form, tenant.number.authToken)).status).toBe(200);
    await eventually(async () => (await stack.query<{ processed_at: Date | null }>(`SELECT processed_at FROM messages WHERE provider_sid = $1`, [form.MessageSid]))[0]?.processed_at, `"${body}" handled`);
  };
  /** Makes the customer's last message 25 hours old. */
  const lastWrote25HoursAgo = async (customer: string) => {
    await stack.query(`UPDATE contacts SET last_inbound_at = now() - interval '25 hours' WHERE phone_number = $1`, [customer]);
    await stack.query(`UPDATE messages SET created_at = now() - interval '25 hours' WHERE direction = 'inbound' AND from_address = $1`, [`whatsapp:${customer}`]);
  };
  const conversationOf = async (customer: string) =>
    (await stack.query<{ id: string; state: string }>(`SELECT c.id, c.state FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1 ORDER BY c.created_at DESC LIMIT 1`, [customer]))[0];
  /** The customer asks for a person and the tenant admin takes the chat: an agent may now answer. */
  const takenByAdmin = async (tenant: TenantFixture, customer: string): Promise<string> => {
    await stack.ask(tenant, customer, 'Quero falar com um atendente, por favor');
    const conversation = await eventually(async () => {
      const found = await conversationOf(customer);
      return found?.state === 'HANDOFF_PENDING' && found;
    }, 'the conversation handed off');
    expect((await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversation.id}/assign`)).status).toBe(200);
    return conversation.id;
  };
  const outboundRows = (customer: string) =>
    stack.query<{ author: string; body: string; status: string; error_code: string | null; template_id: string | null; content_variables: Record<string, string> | null }>(
      `SELECT author, body, status, error_code, template_id, content_variables FROM messages WHERE direction = 'outbound' AND to_address = $1 ORDER BY created_at`,
      [`whatsapp:${customer}`],
    );

  beforeAll(async () => {
    // The platform default burst window, for the settings test; every other test sets its tenant's to 0.
    stack = await startStack('outbound_policy', { openai: true, extra: { CHANNEL_DEFAULT_DEBOUNCE_MS: '1500' } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('templates and channel settings over the API', () => {
    it("registers, lists, changes and deletes a tenant's templates, refusing bad ones; another tenant sees none of them", async () => {
      const tenant = await newTenant(stack.app.url, 'Templates');
      const other = await newTenant(stack.app.url, 'Outra');
      const body = { name: 'retomar', contentSid: HX(), purpose: 'reopen_conversation', variables: [{ key: '1', description: 'Nome' }], bodyPreview: 'Olá {{1}}!' };

      const created = await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body, enabled: true, id: expect.any(String) });
      expect((await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', body)).body).toMatchObject({ statusCode: 409, code: 'CHANNEL.TEMPLATE_NAME_TAKEN' });
      expect((await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', { ...body, name: 'x', contentSid: 'HX123' })).status).toBe(400);
      expect((await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', { ...body, name: 'x', purpose: 'marketing' })).status).toBe(400);
      const twice = await api(tenant.adminToken, 'POST', '/api/v1/whatsapp-templates', { ...body, name: 'x', variables: [{ key: '1', description: 'a' }, { key: '1', description: 'b' }] });
      expect(twice.body).toMatchObject({ statusCode: 422, code: 'CHANNEL.INVALID_TEMPLATE' });
      await template(tenant, { purpose: 'ai_follow_up' });

      const reopening = await api(tenant.adminToken, 'GET', '/api/v1/whatsapp-templates?purpose=reopen_conversation');
      expect(reopening.body).toMatchObject({ total: 1, limit: 20, offset: 0, items: [{ id: created.body.id }] });
      expect((await api(tenant.adminToken, 'GET', '/api/v1/whatsapp-templates')).body.total).toBe(2);

      const changed = await api(tenant.adminToken, 'PATCH', `/api/v1/whatsapp-templates/${created.body.id}`, { enabled: false, bodyPreview: null });
      expect(changed.body).toMatchObject({ name: 'retomar', enabled: false, bodyPreview: null });

      for (const [method, path] of [['GET', ''], ['PATCH', ''], ['DELETE', '']]) {
        const response = await api(other.adminToken, method, `/api/v1/whatsapp-templates/${created.body.id}${path}`, method === 'PATCH' ? { enabled: true } : undefined);
        expect(response.body).toMatchObject({ statusCode: 404, code: 'CHANNEL.TEMPLATE_NOT_FOUND' });
      }
      expect((await api(other.adminToken, 'GET', '/api/v1/whatsapp-templates')).body.total).toBe(0);

      expect((await api(tenant.adminToken, 'DELETE', `/api/v1/whatsapp-templates/${created.body.id}`)).status).toBe(204);
      expect((await api(tenant.adminToken, 'GET', `/api/v1/whatsapp-templates/${created.body.id}`)).status).toBe(404);
    });

    it('shows the default channel settings to admins and agents, and lets only admins change them, normalised and validated', async () => {
      const tenant = await newTenant(stack.app.url, 'Ajustes');
      const email = `agent-${randomBytes(3).toString('hex')}@agents.test`;
      expect((await api(tenant.adminToken, 'POST', '/api/v1/staff', { email, password: 'agent-password-2024', role: 'agent', name: 'Ana' })).status).toBe(201);
      const agentToken = await login(stack.app.url, email, 'agent-password-2024');

      const defaults = { debounceMs: 1500, optOutKeywords: ['sair', 'parar', 'stop', 'cancelar'], optInKeywords: ['voltar', 'start'], audioFallback: 'ask_to_type', inboundLimitPerMinute: 20 };
      expect((await api(agentToken, 'GET', '/api/v1/channel-settings')).body).toEqual(defaults);
      expect((await api(agentToken, 'PATCH', '/api/v1/channel-settings', { debounceMs: 0 })).status).toBe(403);

      const changed = await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { optOutKeywords: ['SAIR', ' Não Quero ', 'sair'], inboundLimitPerMinute: 30 });
      expect(changed.body).toEqual({ ...defaults, optOutKeywords: ['sair', 'nao quero'], inboundLimitPerMinute: 30 });
      expect((await api(tenant.adminToken, 'GET', '/api/v1/channel-settings')).body).toEqual(changed.body);

      expect((await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { optInKeywords: ['sair'] })).body).toMatchObject({ statusCode: 422, code: 'CHANNEL.INVALID_SETTINGS' });
      expect((await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { optOutKeywords: [] })).body).toMatchObject({ statusCode: 422, code: 'CHANNEL.INVALID_SETTINGS' });
      expect((await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { debounceMs: 60000 })).status).toBe(400);
      expect((await api(tenant.adminToken, 'PATCH', '/api/v1/channel-settings', { audioFallback: 'ignore' })).status).toBe(400);
    });
  });

  describe('a reply 25 hours after the last inbound message', () => {
    it("is refused with 422 for an agent while the tenant has no template, then goes out as the tenant's reopen_conversation template", async () => {
      const tenant = await newTenant(stack.app.url, 'Janela');
      const customer = customerPhone();
      const conversationId = await takenByAdmin(tenant, customer);
      await lastWrote25HoursAgo(customer);
      const sentBefore = stack.sentTo(customer).length;

      const refused = await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Conseguimos resolver o seu pedido.' });
      expect(refused.body).toMatchObject({ statusCode: 422, code: 'CHANNEL.OUTSIDE_WINDOW' });
      expect(refused.body.message).toContain('24 hours');
      expect(refused.body.message).toContain('reopen_conversation');
      expect(await outboundRows(customer)).not.toContainEqual(expect.objectContaining({ body: 'Conseguimos resolver o seu pedido.' }));

      const reopen = await template(tenant, { purpose: 'reopen_conversation', variables: [{ key: 'contact_name', description: 'Nome' }, { key: 'message', description: 'Texto' }] });
      const sent = await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Conseguimos resolver o seu pedido.' });
      expect(sent.status).toBe(201);

      const delivered = await eventually(() => stack.sentTo(customer).length > sentBefore && stack.sentTo(customer)[sentBefore], 'the template sent');
      expect(delivered).toMatchObject({ contentSid: reopen.contentSid, contentVariables: { contact_name: 'Cliente Teste', message: 'Conseguimos resolver o seu pedido.' }, body: '' });
      expect((await outboundRows(customer)).at(-1)).toMatchObject({ author: 'agent', template_id: reopen.id, body: 'Conseguimos resolver o seu pedido.' });
    });

    it('sends the template an agent picks, with their variables, and refuses one whose variables do not match', async () => {
      const tenant = await newTenant(stack.app.url, 'Escolha');
      const customer = customerPhone();
      const conversationId = await takenByAdmin(tenant, customer);
      await lastWrote25HoursAgo(customer);
      const picked = await template(tenant, { purpose: 'other', variables: [{ key: '1', description: 'Nome' }, { key: '2', description: 'Data' }], bodyPreview: 'Olá {{1}}, sua consulta é {{2}}.' });
      const path = `/api/v1/conversations/${conversationId}/messages`;

      expect((await api(tenant.adminToken, 'POST', path, { templateId: picked.id, variables: { '1': 'Maria' } })).body).toMatchObject({ statusCode: 422, code: 'CHANNEL.TEMPLATE_UNUSABLE' });
      expect((await api(tenant.adminToken, 'POST', path, { templateId: randomUuid() })).body).toMatchObject({ statusCode: 404, code: 'CHANNEL.TEMPLATE_NOT_FOUND' });
      expect((await api(tenant.adminToken, 'POST', path, {})).status).toBe(400);

      const sentBefore = stack.sentTo(customer).length;
      const sent = await api(tenant.adminToken, 'POST', path, { templateId: picked.id, variables: { '1': 'Maria', '2': 'amanhã às 10h' } });
      expect(sent.status).toBe(201);
      expect(sent.body.body).toBe('Olá Maria, sua consulta é amanhã às 10h.');
      const delivered = await eventually(() => stack.sentTo(customer)[sentBefore], 'the picked template sent');
      expect(delivered).toMatchObject({ contentSid: picked.contentSid, contentVariables: { '1': 'Maria', '2': 'amanhã às 10h' } });
    });

    it("stores an AI reply that would leave after the window as failed with OUTSIDE_WINDOW, and sends the ai_follow_up template once there is one", async () => {
      const tenant = await newTenant(stack.app.url, 'LLM lento');
      await noDebounce(tenant);
      stack.openai!.chatDelayMs = 1500;
      try {
        // The customer writes; while the (slow) AI thinks, 25 hours pass.
        const first = customerPhone();
        expect((await postInbound(stack.app.url, inboundForm(tenant, { from: first, body: 'Vocês abrem sábado?' }), tenant.number.authToken)).status).toBe(200);
        await lastWrote25HoursAgo(first);
        const failed = await eventually(async () => (await outboundRows(first)).find((m) => m.status === 'failed'), 'the AI reply refused');
        expect(failed).toMatchObject({ author: 'ai', error_code: 'OUTSIDE_WINDOW' });
        expect(stack.sentTo(first)).toEqual([]);

        const followUp = await template(tenant, { purpose: 'ai_follow_up', variables: [{ key: '1', description: 'A resposta' }] });
        const second = customerPhone();
        expect((await postInbound(stack.app.url, inboundForm(tenant, { from: second, body: 'Vocês abrem sábado?' }), tenant.number.authToken)).status).toBe(200);
        await lastWrote25HoursAgo(second);
        const delivered = await eventually(() => stack.sentTo(second)[0], 'the AI reply sent as the template');
        expect(delivered).toMatchObject({ contentSid: followUp.contentSid, contentVariables: { '1': (await outboundRows(second))[0].body } });
      } finally {
        stack.openai!.chatDelayMs = 0;
      }
    });
  });

  describe("Twilio's 63016 (outside the window, by Twilio's clock)", () => {
    it('fails the message with 63016 when there is no template, and retries it once as the template when there is', async () => {
      const tenant = await newTenant(stack.app.url, 'Erro 63016');
      await noDebounce(tenant);
      const first = customerPhone();
      stack.twilio.failNext(400, { code: 63016 });
      await sendAndWaitHandled(tenant, first, 'Oi');
      const failed = await eventually(async () => (await outboundRows(first)).find((m) => m.status === 'failed'), 'the reply failed');
      expect(failed).toMatchObject({ error_code: '63016' });
      expect(stack.sentTo(first)).toEqual([]);

      const followUp = await template(tenant, { purpose: 'ai_follow_up', variables: [{ key: 'message', description: 'A resposta' }] });
      const second = customerPhone();
      stack.twilio.failNext(400, { code: 63016 });
      await sendAndWaitHandled(tenant, second, 'Oi');
      const delivered = await eventually(() => stack.sentTo(second)[0], 'the reply sent as the template');
      expect(delivered).toMatchObject({ contentSid: followUp.contentSid });
      expect(stack.sentTo(second)).toHaveLength(1);
      expect((await outboundRows(second))[0]).toMatchObject({ status: 'queued', template_id: followUp.id });
    });
  });

  describe('opting out', () => {
    it('confirms STOP once, then blocks AI replies, templates and agent replies (422) until VOLTAR, which is confirmed too', async () => {
      const tenant = await newTenant(stack.app.url, 'Opt-out');
      await noDebounce(tenant);
      const customer = customerPhone();
      const conversationId = await takenByAdmin(tenant, customer);
      await template(tenant, { purpose: 'reopen_conversation' });
      const sentBefore = stack.sentTo(customer).length;

      await sendAndWaitHandled(tenant, customer, ' Stop ');
      const confirmation = await eventually(() => stack.sentTo(customer)[sentBefore], 'the opt-out confirmation');
      expect(confirmation.body).toContain('não receberá mais mensagens');
      expect(confirmation.body).toContain('VOLTAR');
      await sendAndWaitHandled(tenant, customer, 'STOP');

      const contacts = await api(tenant.adminToken, 'GET', '/api/v1/contacts?optedOut=true');
      expect(contacts.body.items).toEqual([expect.objectContaining({ phoneNumber: customer, optedOut: true, optedOutAt: expect.any(String) })]);
      expect((await api(tenant.adminToken, 'GET', '/api/v1/contacts?optedOut=false')).body.items).toEqual([]);
      expect((await api(tenant.adminToken, 'GET', '/api/v1/contacts?optedOut=maybe')).status).toBe(400);

      const refused = await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Ainda está aí?' });
      expect(refused.body).toMatchObject({ statusCode: 422, code: 'CHANNEL.CONTACT_OPTED_OUT' });
      await lastWrote25HoursAgo(customer);
      expect((await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Oi?' })).body).toMatchObject({ code: 'CHANNEL.CONTACT_OPTED_OUT' });

      const completions = stack.openai!.completions.length;
      await sendAndWaitHandled(tenant, customer, 'Qual o horário de vocês?');
      expect(stack.openai!.completions.length).toBe(completions);
      expect(stack.sentTo(customer)).toHaveLength(sentBefore + 1);

      await sendAndWaitHandled(tenant, customer, 'voltar');
      const welcomeBack = await eventually(() => stack.sentTo(customer)[sentBefore + 1], 'the opt-in confirmation');
      expect(welcomeBack.body).toContain('voltará a receber');
      expect((await api(tenant.adminToken, 'GET', '/api/v1/contacts?optedOut=false')).body.items).toEqual([expect.objectContaining({ phoneNumber: customer, optedOut: false, optedOutAt: null })]);
      expect((await api(tenant.adminToken, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Que bom ter você de volta!' })).status).toBe(201);
      await eventually(() => stack.sentTo(customer)[sentBefore + 2], 'the agent reply after opting back in');
    });

    it('blocks an AI reply already on its way when the customer opts out: stored as failed with CONTACT_OPTED_OUT, never sent', async () => {
      const tenant = await newTenant(stack.app.url, 'Em voo');
      await noDebounce(tenant);
      const customer = customerPhone();
      stack.openai!.chatDelayMs = 1500;
      try {
        expect((await postInbound(stack.app.url, inboundForm(tenant, { from: customer, body: 'Quanto custa o corte?' }), tenant.number.authToken)).status).toBe(200);
        await sendAndWaitHandled(tenant, customer, 'PARAR');
        const blocked = await eventually(async () => (await outboundRows(customer)).find((m) => m.author === 'ai'), 'the AI reply stored');
        await eventually(async () => (await outboundRows(customer)).find((m) => m.author === 'ai' && m.status === 'failed'), 'the AI reply refused');
        expect(blocked.author).toBe('ai');
        expect((await outboundRows(customer)).find((m) => m.author === 'ai')).toMatchObject({ status: 'failed', error_code: 'CONTACT_OPTED_OUT' });
        expect(stack.sentTo(customer)).toHaveLength(1);
        expect(stack.sentTo(customer)[0].body).toContain('não receberá mais mensagens');
      } finally {
        stack.openai!.chatDelayMs = 0;
      }
    });
  });
});

function randomUuid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
