import { randomBytes } from 'node:crypto';
import { call, HttpResult, inboundForm, login, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { openConsole } from '../support/live-client';
import { startStack, Stack } from '../support/stack';
import { textOf } from '../support/stand-ins/openai-stand-in';
import { eventually } from '../support/test-app';

interface Agent {
  id: string;
  name: string;
  token: string;
}

/**
 * The agent API end to end (real PostgreSQL and Redis, the Twilio and OpenAI stand-ins reached
 * through the real SDKs): a customer asks for a person, the AI goes silent, an agent claims the
 * chat and answers on WhatsApp, gives it back to the AI with a note the AI reads, and chats are
 * claimed once, transferred, closed and summarized. Other tenants can do nothing to them.
 */
describe('agents taking conversations over from the AI', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let ana: Agent;
  let bruno: Agent;
  let outsider: Agent;

  async function newAgent(owner: TenantFixture, name: string): Promise<Agent> {
    const email = `${name.toLowerCase()}-${randomBytes(3).toString('hex')}@agents.test`;
    const created = await call(stack.app.url, 'POST', '/api/v1/staff', { token: owner.adminToken, json: { email, password: 'agent-password-2024', role: 'agent', name } });
    expect(created.status).toBe(201);
    return { id: created.body.id, name, token: await login(stack.app.url, email, 'agent-password-2024') };
  }

  const api = <T = any>(token: string, method: string, path: string, json?: unknown): Promise<HttpResult<T>> => call<T>(stack.app.url, method, path, { token, json });
  const conversationOf = async (customer: string): Promise<{ id: string; state: string }> => {
    const [row] = await stack.query<{ id: string; state: string }>(
      `SELECT c.id, c.state FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone_number = $1 ORDER BY c.created_at DESC LIMIT 1`,
      [customer],
    );
    return row;
  };
  /** Posts a customer message and waits until the worker handled it (answered or not). */
  const sendAndWaitHandled = async (customer: string, body: string): Promise<void> => {
    const form = inboundForm(tenant, { from: customer, body });
    expect((await postInbound(stack.app.url, form, tenant.number.authToken)).status).toBe(200);
    await eventually(async () => {
      const [row] = await stack.query<{ processed_at: Date | null }>(`SELECT processed_at FROM messages WHERE provider_sid = $1`, [form.MessageSid]);
      return row?.processed_at;
    }, `"${body}" handled`);
  };
  /** A customer asks for a person; returns their conversation, handed off (queued, or assigned at once). */
  const handedOff = async (customer: string, owner = tenant): Promise<string> => {
    const ack = await stack.ask(owner, customer, 'Quero falar com um atendente, por favor');
    expect(ack.body).toContain('pessoa');
    return (await eventually(async () => {
      const conversation = await conversationOf(customer);
      return ['HANDOFF_PENDING', 'HUMAN_ACTIVE'].includes(conversation?.state) && conversation;
    }, 'the conversation handed off')).id;
  };

  beforeAll(async () => {
    stack = await startStack('agent_handoff', { openai: true });
    tenant = await newTenant(stack.app.url, 'Barbearia');
    ana = await newAgent(tenant, 'Ana');
    bruno = await newAgent(tenant, 'Bruno');
    outsider = await newAgent(await newTenant(stack.app.url, 'Concorrente'), 'Outsider');
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('a customer who asks for a person', () => {
    const customer = '+5511955550001';
    let conversationId: string;

    it('gets exactly one acknowledgement, lands in the queue, and the AI answers none of the next three messages', async () => {
      conversationId = await handedOff(customer);
      const llmCalls = stack.openai!.completions.length;

      for (const body of ['Alô?', 'Tem alguém aí?', 'Preciso cancelar meu horário']) await sendAndWaitHandled(customer, body);

      expect(stack.sentTo(customer)).toHaveLength(1);
      expect(stack.openai!.completions.length).toBe(llmCalls);
      const queue = await api(ana.token, 'GET', '/api/v1/conversations/queue');
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(conversationId);
      const view = queue.body.items.find((c: { id: string }) => c.id === conversationId);
      expect(view).toMatchObject({ state: 'HANDOFF_PENDING', assignedTo: null, handoffReason: 'customer_requested', contact: { phoneNumber: customer } });
      expect(view.handoffAt).toEqual(expect.any(String));
    });

    it('is claimed by an agent, whose reply reaches the customer on WhatsApp as an agent message with its sender', async () => {
      const claimed = await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/assign`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ id: conversationId, state: 'HUMAN_ACTIVE', assignedTo: { id: ana.id, name: 'Ana' } });
      const mine = await api(ana.token, 'GET', '/api/v1/conversations?assignedTo=me');
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);

      const note = await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/notes`, { body: 'Cliente quer cancelar o corte de sábado' });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ kind: 'note', body: 'Cliente quer cancelar o corte de sábado', author: { id: ana.id, name: 'Ana' } });

      const reply = await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Oi! Aqui é a Ana. Cancelei seu horário de sábado.' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ direction: 'outbound', author: 'agent', body: 'Oi! Aqui é a Ana. Cancelei seu horário de sábado.', sentBy: { id: ana.id, name: 'Ana' } });

      const delivered = await eventually(() => stack.sentTo(customer).find((m) => m.body.includes('Aqui é a Ana')), 'the agent reply at Twilio');
      expect(delivered.from).toBe(`whatsapp:${tenant.number.phoneNumber}`);
      expect(stack.sentTo(customer).some((m) => m.body.includes('cancelar o corte'))).toBe(false);

      const messages = await api(ana.token, 'GET', `/api/v1/conversations/${conversationId}/messages`);
      const stored = messages.body.items.find((m: { id: string }) => m.id === reply.body.id);
      expect(stored).toMatchObject({ author: 'agent', sentBy: { id: ana.id, name: 'Ana' } });
      expect((await stack.query(`SELECT sent_by, in_reply_to FROM messages WHERE id = $1`, [reply.body.id]))[0]).toEqual({ sent_by: ana.id, in_reply_to: null });
    });

    it('keeps the AI silent while the agent has it, and refuses a reply from an agent who is not the assignee (403)', async () => {
      const llmCalls = stack.openai!.completions.length;
      await sendAndWaitHandled(customer, 'Obrigado, Ana!');
      expect(stack.openai!.completions.length).toBe(llmCalls);

      const intruder = await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Oi, sou o Bruno' });
      expect(intruder.status).toBe(403);
      expect(intruder.body).toMatchObject({ statusCode: 403, code: 'CONVERSATION.NOT_ASSIGNEE' });
      const release = await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/release`, {});
      expect(release.status).toBe(403);
    });

    it('goes back to the AI on release, and the AI then answers with the release note and the agent reply in its context', async () => {
      const released = await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/release`, { note: 'Horário de sábado cancelado; oferecer remarcação.' });
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ state: 'ACTIVE', assignedTo: null, handoffReason: null, handoffAt: null });
      const notes = await api(ana.token, 'GET', `/api/v1/conversations/${conversationId}/notes`);
      expect(notes.body.items.map((n: { kind: string }) => n.kind)).toEqual(['note', 'release']);

      stack.openai!.reply = 'Claro! Quer remarcar para outro dia?';
      const answer = await stack.ask(tenant, customer, 'E para remarcar, como faço?');
      expect(answer.body).toBe('Claro! Quer remarcar para outro dia?');

      const context = stack.openai!.agentCompletions.at(-1)!.messages.map((m) => textOf(m.content)).join('\n');
      expect(context).toContain('[note from the team] Horário de sábado cancelado; oferecer remarcação.');
      expect(context).toContain('Oi! Aqui é a Ana. Cancelei seu horário de sábado.');
      expect(context).not.toContain('cancelar o corte de sábado');
    });

    it('records every transition and assignment with who and why', async () => {
      const events = await api(ana.token, 'GET', `/api/v1/conversations/${conversationId}/events`);
      expect(events.status).toBe(200);
      expect(events.body.items.map((e: any) => [e.kind, e.from, e.to, e.actor.type, e.reason])).toEqual([
        ['transition', 'ACTIVE', 'HANDOFF_PENDING', 'ai', 'customer_requested'],
        ['transition', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'staff', 'claimed'],
        ['transition', 'HUMAN_ACTIVE', 'ACTIVE', 'staff', 'released'],
      ]);
      expect(events.body.items[1]).toMatchObject({ actor: { id: ana.id }, assigneeId: ana.id });
    });

    it("includes the team's notes in the contact's personal-data export", async () => {
      const [contact] = await stack.query<{ id: string }>(`SELECT id FROM contacts WHERE phone_number = $1`, [customer]);
      const exported = await api(tenant.adminToken, 'GET', `/api/v1/contacts/${contact.id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.conversationNotes.map((n: { kind: string; body: string }) => [n.kind, n.body])).toEqual([
        ['note', 'Cliente quer cancelar o corte de sábado'],
        ['release', 'Horário de sábado cancelado; oferecer remarcação.'],
      ]);
    });
  });

  it('lets exactly one of two agents claiming at once win; the other gets 409 CONVERSATION.ALREADY_ASSIGNED', async () => {
    const conversationId = await handedOff('+5511955550002');

    const claims = await Promise.all([ana, bruno].map((agent) => api(agent.token, 'POST', `/api/v1/conversations/${conversationId}/assign`)));

    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const loser = claims.find((c) => c.status === 409)!;
    expect(loser.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'CONVERSATION.ALREADY_ASSIGNED' });
    const winner = claims.find((c) => c.status === 200)!;
    const [row] = await stack.query<{ assigned_to: string }>(`SELECT assigned_to FROM conversations WHERE id = $1`, [conversationId]);
    expect(row.assigned_to).toBe(winner.body.assignedTo.id);
    expect(await stack.query(`SELECT 1 FROM conversation_events WHERE conversation_id = $1 AND to_state = 'HUMAN_ACTIVE'`, [conversationId])).toHaveLength(1);
  });

  it('transfers a chat to another agent, then closes it; the closed chat is summarized into the contact memories', async () => {
    const customer = '+5511955550003';
    const conversationId = await handedOff(customer);
    expect((await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/assign`)).status).toBe(200);

    const transferred = await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/assign`, { staffId: bruno.id });
    expect(transferred.status).toBe(200);
    expect(transferred.body).toMatchObject({ state: 'HUMAN_ACTIVE', assignedTo: { id: bruno.id, name: 'Bruno' } });
    expect((await api(ana.token, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'ainda sou eu' })).status).toBe(403);
    const unknownTarget = await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/assign`, { staffId: outsider.id });
    expect(unknownTarget.status).toBe(422);
    expect(unknownTarget.body.code).toBe('CONVERSATION.ASSIGNEE_UNAVAILABLE');
    const events = await api(bruno.token, 'GET', `/api/v1/conversations/${conversationId}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ kind: 'assignment', from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', actor: { type: 'staff', id: ana.id }, assigneeId: bruno.id, reason: 'transferred' });

    const closed = await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'CLOSED', closedAt: expect.any(String) });
    expect((await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/close`)).body.code).toBe('CONVERSATION.ILLEGAL_TRANSITION');

    const [summary] = await eventually(
      () => stack.query<{ content: string }>(`SELECT content FROM contact_memories WHERE conversation_id = $1 AND kind = 'summary'`, [conversationId]).then((rows) => rows.length > 0 && rows),
      'the summary of the closed conversation',
    );
    expect(summary.content.length).toBeGreaterThan(0);
  });

  it('lets a staff member put an AI conversation in the queue, telling the customer once', async () => {
    const customer = '+5511955550004';
    stack.openai!.reply = 'Olá! Como posso ajudar?';
    await stack.ask(tenant, customer, 'Bom dia');
    const { id } = await conversationOf(customer);

    const queued = await api(ana.token, 'POST', `/api/v1/conversations/${id}/handoff`, { reason: 'cliente VIP' });

    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({ state: 'HANDOFF_PENDING', handoffReason: 'cliente VIP' });
    const ack = await eventually(() => stack.sentTo(customer)[1], 'the acknowledgement');
    expect(ack.body).toContain('atendente');
    expect((await api(ana.token, 'POST', `/api/v1/conversations/${id}/handoff`, {})).status).toBe(409);
    const messages = await api(ana.token, 'GET', `/api/v1/conversations/${id}/messages`);
    expect(messages.body.items.at(-1)).toMatchObject({ author: 'system', sentBy: null });
  });

  it("shows every change live on the tenant's consoles, in the views the REST API returns", async () => {
    const live = await openConsole(stack.app.url, bruno.token);
    try {
      const conversationId = await handedOff('+5511955550006');
      const ofChat = (name: string) => live.events(name).filter((e) => e.conversationId === conversationId);
      await eventually(() => ofChat('conversation.updated').some((e) => e.change === 'handoff'), 'the handoff, live');
      await eventually(() => ofChat('message.created').length >= 2, 'the customer message and the acknowledgement, live');
      expect(ofChat('message.created').map((e) => e.message.author)).toEqual(['contact', 'ai']);

      await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/assign`);
      await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/notes`, { body: 'Só para a equipe' });
      const reply = await api(bruno.token, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Oi, aqui é o Bruno' });

      const assigned = await eventually(() => ofChat('conversation.updated').find((e) => e.change === 'assigned'), 'the claim, live');
      const rest = await api(bruno.token, 'GET', `/api/v1/conversations/${conversationId}`);
      expect(assigned.conversation).toMatchObject({ ...rest.body, lastMessageAt: expect.any(String) });
      const note = await eventually(() => ofChat('note.created')[0], 'the note, live');
      expect(note.note).toMatchObject({ kind: 'note', body: 'Só para a equipe', author: { id: bruno.id } });
      const created = await eventually(() => ofChat('message.created').find((e) => e.message.id === reply.body.id), 'the agent reply, live');
      expect(created.message).toEqual(reply.body);
      const status = await eventually(() => ofChat('message.status').find((e) => e.messageId === reply.body.id), 'its delivery status, live');
      expect(status.status).not.toBe('pending');
    } finally {
      live.close();
    }
  });

  it('assigns new handoffs round robin among the online agents when the tenant asks for it, and queues them when nobody is online', async () => {
    const shop = await newTenant(stack.app.url, 'Automática');
    const [carla, davi] = [await newAgent(shop, 'Carla'), await newAgent(shop, 'Davi')];
    const settings = await api(shop.adminToken, 'PATCH', '/api/v1/conversation-settings', { autoAssign: true });
    expect(settings.status).toBe(200);
    const assigneeOf = async (conversationId: string) =>
      eventually(async () => (await stack.query<{ assigned_to: string | null }>(`SELECT assigned_to FROM conversations WHERE id = $1`, [conversationId]))[0]?.assigned_to, 'an assignee');

    const nobodyOnline = await handedOff('+5511955550010', shop);
    expect(await conversationOf('+5511955550010')).toMatchObject({ id: nobodyOnline, state: 'HANDOFF_PENDING' });

    const consoles = await Promise.all([carla, davi].map((agent) => openConsole(stack.app.url, agent.token)));
    try {
      const first = await assigneeOf(await handedOff('+5511955550011', shop));
      const second = await assigneeOf(await handedOff('+5511955550012', shop));
      const third = await assigneeOf(await handedOff('+5511955550013', shop));

      expect([first, second].sort()).toEqual([carla.id, davi.id].sort());
      expect(third).toBe(first);
      const [pointer] = await stack.query<{ last_assigned_staff_id: string }>(`SELECT last_assigned_staff_id FROM conversation_settings WHERE tenant_id = $1`, [shop.tenantId]);
      expect(pointer.last_assigned_staff_id).toBe(third);
      const events = await api(carla.token, 'GET', `/api/v1/conversations/${await conversationOf('+5511955550011').then((c) => c.id)}/events`);
      expect(events.body.items.at(-1)).toMatchObject({ from: 'HANDOFF_PENDING', to: 'HUMAN_ACTIVE', actor: { type: 'system' }, reason: 'auto_assigned' });
    } finally {
      consoles.forEach((c) => c.close());
    }
  });

  it("gives an agent of another tenant a 404 on every route of the chat, and changes nothing", async () => {
    const conversationId = await handedOff('+5511955550005');
    const base = `/api/v1/conversations/${conversationId}`;
    const routes: [string, string, unknown?][] = [
      ['GET', base],
      ['GET', `${base}/messages`],
      ['GET', `${base}/notes`],
      ['GET', `${base}/events`],
      ['POST', `${base}/handoff`, {}],
      ['POST', `${base}/assign`, {}],
      ['POST', `${base}/assign`, { staffId: outsider.id }],
      ['POST', `${base}/release`, { note: 'x' }],
      ['POST', `${base}/close`],
      ['POST', `${base}/messages`, { body: 'intrusão' }],
      ['POST', `${base}/notes`, { body: 'intrusão' }],
    ];

    const statuses = await Promise.all(routes.map(([method, path, json]) => api(outsider.token, method, path, json).then((r) => `${method} ${path.replace(base, '')} ${r.status}`)));

    expect(statuses).toEqual(routes.map(([method, path]) => `${method} ${path.replace(base, '')} 404`));
    expect(await conversationOf('+5511955550005')).toMatchObject({ state: 'HANDOFF_PENDING' });
    expect(await stack.query(`SELECT 1 FROM conversation_notes WHERE conversation_id = $1`, [conversationId])).toEqual([]);
    const queue = await api(outsider.token, 'GET', '/api/v1/conversations/queue');
    expect(queue.body.items).toEqual([]);
  });
});
