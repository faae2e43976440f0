import { randomBytes } from 'node:crypto';
import { call, newTenant, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';
import type { SentMessage } from '../support/stand-ins/twilio-stand-in';
import { eventually, pause } from '../support/test-app';

const STATUS_CALLBACK = 'https://atende.example.test/webhooks/twilio/status';

interface MessageRow {
  id: string;
  status: string;
  error_code: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  body: string;
  provider_sid: string | null;
  parent_message_id: string | null;
  part_index: number;
  conversation_id: string;
}

describe('outbound delivery: status callbacks, long answers in parts, pace, 429, Messaging Service', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let phone = 0;
  const newCustomer = () => `+55119${String(Date.now() % 1e4).padStart(4, '0')}${String(++phone).padStart(3, '0')}`;

  beforeAll(async () => {
    stack = await startStack('outbound_delivery', { openai: true });
    tenant = await newTenant(stack.app.url, 'Loja Entregas');
    other = await newTenant(stack.app.url, 'Outra Loja');
  });

  afterAll(() => stack?.close());

  const row = async (sid: string) => (await stack.query<MessageRow>(`SELECT * FROM messages WHERE provider_sid = $1`, [sid]))[0];
  const stored = (sent: SentMessage) => eventually(() => row(sent.sid), `message ${sent.sid} stored with its sid`);
  const status = (sent: SentMessage, value: Parameters<Stack['twilio']['postStatus']>[2], options: { errorCode?: string; authToken?: string; from?: string } = {}) =>
    stack.twilio.postStatus(stack.app.url, sent, value, { authToken: tenant.number.authToken, ...options });
  const messagesOf = async (conversationId: string) =>
    (await call(stack.app.url, 'GET', `/api/v1/conversations/${conversationId}/messages`, { token: tenant.adminToken })).body.items as Record<string, any>[];

  it('names the status callback on every send, and never moves a status backwards when callbacks come out of order', async () => {
    stack.openai!.reply = 'Olá! Como posso ajudar?';
    const sent = await stack.ask(tenant, newCustomer(), 'Oi');
    const stored1 = await stored(sent);
    // The send's own URL names its message: a status for a send whose answer was lost still finds it.
    expect(sent.statusCallback).toBe(`${STATUS_CALLBACK}?messageId=${stored1.id}`);
    expect(stored1.status).toBe('queued');

    for (const next of ['delivered', 'sent', 'read', 'delivered', 'sent'] as const) expect((await status(sent, next)).status).toBe(204);
    expect((await status(sent, 'failed', { errorCode: '30008' })).status).toBe(204);

    const after = await row(sent.sid);
    expect(after.status).toBe('read');
    expect(after.error_code).toBeNull();
    expect(after.sent_at).not.toBeNull();
    expect(after.delivered_at).not.toBeNull();
    expect(after.read_at).not.toBeNull();
    // The late 'sent' still records when it was sent, without moving the status.
    expect(after.sent_at!.getTime()).toBeGreaterThanOrEqual(after.delivered_at!.getTime());

    const view = (await messagesOf(after.conversation_id)).find((m) => m.id === after.id)!;
    expect(view).toMatchObject({ status: 'read', errorCode: null, sentAt: after.sent_at!.toISOString(), readAt: after.read_at!.toISOString(), parts: [] });
  });

  it("keeps Twilio's error code for an undelivered message, and a failure is final", async () => {
    stack.openai!.reply = 'Tudo certo por aqui.';
    const sent = await stack.ask(tenant, newCustomer(), 'Olá');
    await stored(sent);

    await status(sent, 'sent');
    await status(sent, 'undelivered', { errorCode: '63024' });
    await status(sent, 'delivered');

    expect(await row(sent.sid)).toMatchObject({ status: 'undelivered', error_code: '63024' });
  });

  it('refuses a callback with a forged signature or from an unknown sender, and a tenant cannot report on another tenant\'s message', async () => {
    stack.openai!.reply = 'Resposta de teste.';
    const sent = await stack.ask(tenant, newCustomer(), 'Bom dia');
    await stored(sent);

    expect((await status(sent, 'delivered', { authToken: randomBytes(16).toString('hex') })).status).toBe(403);
    const stranger = { ...sent, sid: `SM${randomBytes(16).toString('hex')}` };
    expect((await status(stranger, 'delivered', { from: 'whatsapp:+15550009999' })).status).toBe(404);
    // Signed by the other tenant's number, as its sender: accepted, but this tenant's message is not the other's to change.
    const asOther = { ...sent, accountSid: other.number.accountSid };
    expect((await status(asOther, 'read', { authToken: other.number.authToken, from: `whatsapp:${other.number.phoneNumber}` })).status).toBe(204);

    expect((await row(sent.sid)).status).toBe('queued');
  });

  it('sends a 4,000-character answer as ordered parts under 1,600 characters each, in WhatsApp formatting, and the parent follows its parts', async () => {
    const paragraphs = Array.from({ length: 9 }, (_, i) => `**Parte ${i + 1}.** ${'Explicação detalhada sobre o pedido e a entrega. '.repeat(9).trim()}`);
    const answer = paragraphs.join('\n\n');
    expect(answer.length).toBeGreaterThan(4000);
    stack.openai!.reply = answer;
    const customer = newCustomer();

    const first = await stack.ask(tenant, customer, 'Me explique tudo sobre a entrega');
    const parent = await eventually(
      () => stack.query<MessageRow>(`SELECT p.* FROM messages c JOIN messages p ON p.id = c.parent_message_id WHERE c.provider_sid = $1`, [first.sid]).then((r) => r[0]),
      'the parent of the first part',
    );
    const parts = await eventually(async () => {
      const rows = await stack.query<MessageRow>(`SELECT * FROM messages WHERE parent_message_id = $1 ORDER BY part_index`, [parent.id]);
      return rows.length > 0 && rows.every((r) => r.provider_sid) && rows;
    }, 'every part accepted by Twilio');

    expect(parent.body).toBe(answer);
    expect(parent.provider_sid).toBeNull();
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((p) => p.part_index)).toEqual(parts.map((_, i) => i + 1));
    const sent = stack.sentTo(customer);
    expect(sent.map((s) => s.sid)).toEqual(parts.map((p) => p.provider_sid));
    expect(sent.every((s) => s.body.length <= 1600)).toBe(true);
    expect(sent.map((s) => s.body).join('\n\n')).toBe(answer.replaceAll('**', '*'));
    expect([...sent].sort((a, b) => a.acceptedAt - b.acceptedAt).map((s) => s.sid)).toEqual(sent.map((s) => s.sid));

    await eventually(async () => (await stack.query<MessageRow>(`SELECT status FROM messages WHERE id = $1`, [parent.id]))[0].status === 'queued', 'the parent queued');
    for (const part of sent.slice(0, -1)) await status(part, 'delivered');
    expect((await stack.query<MessageRow>(`SELECT * FROM messages WHERE id = $1`, [parent.id]))[0]).toMatchObject({ status: 'queued', delivered_at: null });
    await status(sent[sent.length - 1], 'delivered');
    await status(sent[0], 'read');
    const delivered = (await stack.query<MessageRow>(`SELECT * FROM messages WHERE id = $1`, [parent.id]))[0];
    expect(delivered.status).toBe('delivered');
    expect(delivered.delivered_at).not.toBeNull();

    const view = await messagesOf(parent.conversation_id);
    expect(view.filter((m) => m.direction === 'outbound')).toHaveLength(1);
    const shown = view.find((m) => m.id === parent.id)!;
    expect(shown.status).toBe('delivered');
    expect(shown.parts.map((p: { index: number }) => p.index)).toEqual(parts.map((p) => p.part_index));
    expect(shown.parts[0].status).toBe('read');

    await status(sent[1], 'undelivered', { errorCode: '63032' });
    expect((await stack.query<MessageRow>(`SELECT status, error_code FROM messages WHERE id = $1`, [parent.id]))[0]).toMatchObject({ status: 'delivered' });
  });

  it("waits out a 429's Retry-After without counting it as a failed attempt, and sends the message once", async () => {
    stack.openai!.reply = 'Depois da espera.';
    const customer = newCustomer();
    const refusedBefore = stack.twilio.refused.length;
    // As many 429s as the job has attempts (QUEUE_ATTEMPTS=4): counted as failures, the message would be lost.
    stack.twilio.failNext(429, { times: 4, retryAfterSeconds: 1 });

    const sent = await stack.ask(tenant, customer, 'Pode responder?');

    const refused = stack.twilio.refused.slice(refusedBefore);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    const tries = [...refused.map((r) => r.at), sent.acceptedAt];
    for (let i = 1; i < tries.length; i++) expect(tries[i] - tries[i - 1]).toBeGreaterThanOrEqual(950);
    await pause(500);
    expect(stack.sentTo(customer)).toHaveLength(1);
    expect((await stored(sent)).status).toBe('queued');
  });

  it("sends through the number's Messaging Service when it has one, and its callbacks are traced by the message's sid", async () => {
    const messagingServiceSid = `MG${randomBytes(16).toString('hex')}`;
    const path = `/api/v1/whatsapp-numbers/${tenant.number.id}`;
    const patched = await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { messagingServiceSid } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ messagingServiceSid, sendRatePerSecond: 10, statusCallbackUrl: STATUS_CALLBACK });
    expect((await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { messagingServiceSid: 'MG123' } })).status).toBe(400);
    expect((await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { sendRatePerSecond: 0 } })).status).toBe(400);

    stack.openai!.reply = 'Pelo serviço de mensagens.';
    const sent = await stack.ask(tenant, newCustomer(), 'Oi de novo');
    expect(sent.messagingServiceSid).toBe(messagingServiceSid);
    expect(sent.from).toBe('');
    await stored(sent);
    expect((await status(sent, 'delivered', { from: '' })).status).toBe(204);
    expect((await row(sent.sid)).status).toBe('delivered');

    const cleared = await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { messagingServiceSid: null } });
    expect(cleared.body.messagingServiceSid).toBeNull();
    const direct = await stack.ask(tenant, newCustomer(), 'E agora?');
    expect(direct).toMatchObject({ messagingServiceSid: null, from: `whatsapp:${tenant.number.phoneNumber}` });
  });

  it("spaces a number's sends to its send rate, across customers", async () => {
    const path = `/api/v1/whatsapp-numbers/${tenant.number.id}`;
    expect((await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { sendRatePerSecond: 1 } })).body.sendRatePerSecond).toBe(1);
    stack.openai!.reply = 'Uma por segundo.';
    const customers = [newCustomer(), newCustomer(), newCustomer()];

    const replies = await Promise.all(customers.map((c, i) => stack.ask(tenant, c, `Pergunta ${i}`)));

    const times = replies.map((r) => r.acceptedAt).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(950);
    await call(stack.app.url, 'PATCH', path, { token: tenant.adminToken, json: { sendRatePerSecond: 10 } });
  });
});
