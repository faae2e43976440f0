import { inboundForm, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { queuesQuiet } from '../support/queues';
import { startStack, Stack } from '../support/stack';
import type { SentMessage } from '../support/stand-ins/twilio-stand-in';
import { eventually } from '../support/test-app';

/** The client gives up after 1 s; the stand-in's slow sends answer after 3 s (Twilio took 20 s against 15 s). */
const CLIENT_TIMEOUT_MS = 1000;
const SLOW_ANSWER_MS = 3000;

interface OutboundRow {
  id: string;
  status: string;
  provider_sid: string | null;
  error_code: string | null;
  send_attempts: number;
}

describe("a send whose outcome is uncertain reaches the customer once (Twilio's Messages API has no idempotency key)", () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let phone = 0;
  const newCustomer = () => `+55118${String(Date.now() % 1e4).padStart(4, '0')}${String(++phone).padStart(3, '0')}`;

  beforeAll(async () => {
    stack = await startStack('uncertain_sends', {
      openai: true,
      extra: { TWILIO_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS), TWILIO_SEND_LOOKUP_MARGIN_MS: '200' },
    });
    tenant = await newTenant(stack.app.url, 'Loja Incerta');
  });

  afterAll(() => stack?.close());

  const replyTo = async (customer: string) =>
    (await stack.query<OutboundRow>(`SELECT id, status, provider_sid, error_code, send_attempts FROM messages WHERE direction = 'outbound' AND to_address = $1`, [`whatsapp:${customer}`]))[0];
  const ask = async (customer: string, body: string) => {
    const response = await postInbound(stack.app.url, inboundForm(tenant, { from: customer, body }), tenant.number.authToken);
    expect(response.status).toBe(200);
  };
  const firstSendTo = (customer: string) => eventually(() => stack.sentTo(customer)[0], `a send to ${customer} at the stand-in`);
  /** Asks, then waits until the reply has its sid and nothing more is queued: what the customer got is final. */
  const askUntilSettled = async (customer: string, body: string) => {
    await ask(customer, body);
    const sent = await firstSendTo(customer);
    await eventually(async () => (await replyTo(customer))?.provider_sid, `the reply to ${customer} with its sid`);
    await queuesQuiet(stack.redisPrefix);
    return sent;
  };

  it('sends each reply once when Twilio accepts the sends but answers only after the client gave up, and records every sid', async () => {
    stack.openai!.reply = 'Seu pedido saiu para entrega.';
    const customers = Array.from({ length: 10 }, () => newCustomer());
    stack.twilio.slowNext(SLOW_ANSWER_MS, { times: customers.length });

    await Promise.all(customers.map((c) => ask(c, 'Cadê meu pedido?')));
    await eventually(async () => (await Promise.all(customers.map(replyTo))).every((r) => r?.provider_sid), 'every reply with its sid', 60_000);
    await queuesQuiet(stack.redisPrefix);

    for (const customer of customers) {
      const sent = stack.sentTo(customer);
      expect(sent).toHaveLength(1);
      expect(await replyTo(customer)).toMatchObject({ provider_sid: sent[0].sid, status: 'queued', send_attempts: 1 });
    }
    expect(stack.twilio.listRequests.length).toBeGreaterThanOrEqual(customers.length);
  });

  it('finds at Twilio a send whose answer was lost after Twilio accepted it (the connection died in flight), and does not send it again', async () => {
    stack.openai!.reply = 'Pagamento confirmado.';
    const customer = newCustomer();
    stack.twilio.dropNext({ afterAccepting: true });

    const sent = await askUntilSettled(customer, 'Pagou?');

    expect(stack.sentTo(customer)).toHaveLength(1);
    expect(await replyTo(customer)).toMatchObject({ provider_sid: sent.sid, send_attempts: 1 });
  });

  it.each([
    ['its connection closed before Twilio took it', () => stack.twilio.dropNext({ afterAccepting: false })],
    ['Twilio answered 500 before accepting it', () => stack.twilio.failNext(500)],
  ])('sends again, once the margin passed, a send that never reached Twilio (%s)', async (_label, script) => {
    stack.openai!.reply = 'Chega amanhã.';
    const customer = newCustomer();
    script();

    const sent = await askUntilSettled(customer, 'Quando chega?');

    expect(stack.sentTo(customer)).toHaveLength(1);
    expect(await replyTo(customer)).toMatchObject({ provider_sid: sent.sid, send_attempts: 2 });
  });

  it('records the sid from a status callback that names the message, for a send whose answer never came back', async () => {
    stack.openai!.reply = 'Troca aprovada.';
    const customer = newCustomer();
    stack.twilio.slowNext(SLOW_ANSWER_MS);

    await ask(customer, 'Posso trocar?');
    const sent = await firstSendTo(customer);
    const row = await replyTo(customer);
    expect(sent.statusCallback).toBe(`https://atende.example.test/webhooks/twilio/status?messageId=${row.id}`);
    expect((await stack.twilio.postStatus(stack.app.url, sent, 'delivered', { authToken: tenant.number.authToken })).status).toBe(204);
    await queuesQuiet(stack.redisPrefix);

    expect(stack.sentTo(customer)).toHaveLength(1);
    expect(await replyTo(customer)).toMatchObject({ provider_sid: sent.sid, status: 'delivered' });
  });

  it("never resends while Twilio's list cannot be read: the reply fails as SEND_UNCERTAIN, and a later status callback restores it", async () => {
    stack.openai!.reply = 'Reembolso feito.';
    const customer = newCustomer();
    stack.twilio.slowNext(SLOW_ANSWER_MS);
    stack.twilio.failListNext(503, { times: 10 });

    await ask(customer, 'E o reembolso?');
    const sent: SentMessage = await firstSendTo(customer);
    await eventually(async () => (await replyTo(customer))?.error_code === 'SEND_UNCERTAIN', 'the reply failed as uncertain', 30_000);
    await queuesQuiet(stack.redisPrefix);
    expect(stack.sentTo(customer)).toHaveLength(1);
    expect(await replyTo(customer)).toMatchObject({ status: 'failed', provider_sid: null });

    expect((await stack.twilio.postStatus(stack.app.url, sent, 'delivered', { authToken: tenant.number.authToken })).status).toBe(204);
    expect(await replyTo(customer)).toMatchObject({ status: 'delivered', provider_sid: sent.sid, error_code: null });
  });
});
