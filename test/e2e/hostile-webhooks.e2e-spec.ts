import { request as httpRequest } from 'node:http';
import twilio from 'twilio';
import { inboundForm, newMessageSid, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { startStack, Stack } from '../support/stack';
import { eventually } from '../support/test-app';

const PUBLIC_STATUS_URL = 'https://atende.example.test/webhooks/twilio/status';

interface StoredInbound {
  body: string;
  from_address: string;
  to_address: string;
  raw_payload: Record<string, string>;
  processed_at: Date | null;
}

/** A raw HTTP/1.1 request, so the request target can be in absolute form (`POST http://host/path`), which fetch never sends. */
function rawPost(appUrl: string, target: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method: 'POST', path: target, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile webhook input: a customer message is stored (sanitised, truncated) and answered, never a 500', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  let phone = 0;
  const newCustomer = () => `+55119${String(Date.now() % 1e4).padStart(4, '0')}${String(++phone).padStart(3, '0')}`;

  beforeAll(async () => {
    stack = await startStack('hostile_webhooks');
    tenant = await newTenant(stack.app.url, 'Loja Hostil');
  });

  afterAll(() => stack?.close());

  const stored = async (sid: string) => (await stack.query<StoredInbound>(`SELECT * FROM messages WHERE provider_sid = $1`, [sid]))[0];

  it('stores a message whose From is no phone number and longer than 20 characters, with 200', async () => {
    const form: Record<string, string> = { ...inboundForm(tenant, { from: newCustomer(), body: 'oi' }), From: `whatsapp:${'not-a-phone-'.repeat(4)}` };

    const response = await postInbound(stack.app.url, form, tenant.number.authToken);

    expect(response.status).toBe(200);
    expect((await stored(form.MessageSid)).from_address).toBe(form.From);
  });

  it('stores a message with NUL bytes in its fields, the NULs removed, and answers it', async () => {
    const customer = newCustomer();
    const form: Record<string, string> = { ...inboundForm(tenant, { from: customer, body: 'qual o\u0000 horário?' }), ProfileName: 'Ma\u0000ria', Extra: '\u0000' };

    const response = await postInbound(stack.app.url, form, tenant.number.authToken);

    expect(response.status).toBe(200);
    const row = await stored(form.MessageSid);
    expect(row.body).toBe('qual o horário?');
    expect(row.raw_payload).toMatchObject({ Body: 'qual o horário?', ProfileName: 'Maria', Extra: '' });
    await eventually(() => stack.sentTo(customer).length === 1, 'the reply to the message that carried NUL bytes');
  });

  it('keeps refusing a MessageSid that is not a Twilio SID (a NUL in it included) with 400, and stores nothing', async () => {
    const sid = newMessageSid();
    const form: Record<string, string> = { ...inboundForm(tenant, { from: newCustomer(), body: 'oi' }), MessageSid: `${sid}\u0000` };

    const response = await postInbound(stack.app.url, form, tenant.number.authToken);

    expect(response.status).toBe(400);
    expect(await stored(sid)).toBeUndefined();
  });

  it('answers a message whose ProfileName and WaId are longer than their columns, the contact stored truncated', async () => {
    const customer = newCustomer();
    const form: Record<string, string> = { ...inboundForm(tenant, { from: customer, body: 'bom dia' }), ProfileName: 'P'.repeat(300), WaId: '5'.repeat(60) };

    expect((await postInbound(stack.app.url, form, tenant.number.authToken)).status).toBe(200);

    await eventually(() => stack.sentTo(customer).length === 1, 'the reply to the customer with an over-long profile');
    const [contact] = await stack.query<{ profile_name: string; wa_id: string }>(`SELECT profile_name, wa_id FROM contacts WHERE phone_number = $1`, [customer]);
    expect(contact).toEqual({ profile_name: 'P'.repeat(200), wa_id: '5'.repeat(32) });
    expect((await stored(form.MessageSid)).raw_payload.ProfileName).toBe('P'.repeat(300));
  });

  it('confirms an opt-out from a customer whose ProfileName is longer than its column', async () => {
    const customer = newCustomer();
    const form: Record<string, string> = { ...inboundForm(tenant, { from: customer, body: 'STOP' }), ProfileName: 'Q'.repeat(300), WaId: '7'.repeat(60) };

    expect((await postInbound(stack.app.url, form, tenant.number.authToken)).status).toBe(200);

    const [confirmation] = await eventually(() => stack.sentTo(customer).length === 1 && stack.sentTo(customer), 'the opt-out confirmation');
    expect(confirmation.body).toContain('não receberá mais mensagens');
  });

  it('refuses an unsigned request in absolute form (POST http://host/path) with 403, not 500', async () => {
    const form = inboundForm(tenant, { from: newCustomer(), body: 'oi' });
    const body = new URLSearchParams(form).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' };

    // From is the tenant's number, so that the status callback reaches the signature check too.
    const statusBody = new URLSearchParams({ ...form, From: form.To, MessageStatus: 'delivered' }).toString();

    const inbound = await rawPost(stack.app.url, 'http://evil.example/webhooks/twilio/inbound', body, headers);
    const status = await rawPost(stack.app.url, 'http://evil.example:8080/webhooks/twilio/status?x=1', statusBody, headers);

    expect(inbound.status).toBe(403);
    expect(status.status).toBe(403);
    expect(await stored(form.MessageSid)).toBeUndefined();
  });

  it('accepts a signed request in absolute form, signed over PUBLIC_BASE_URL plus its path and query', async () => {
    const form = inboundForm(tenant, { from: newCustomer(), body: 'absoluto' });
    const signature = twilio.getExpectedTwilioSignature(tenant.number.authToken, 'https://atende.example.test/webhooks/twilio/inbound?via=proxy', form);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature };

    const response = await rawPost(stack.app.url, 'http://proxy.internal/webhooks/twilio/inbound?via=proxy', new URLSearchParams(form).toString(), headers);

    expect(response.status).toBe(200);
    expect((await stored(form.MessageSid)).body).toBe('absoluto');
  });

  describe('status callbacks', () => {
    const postStatus = (form: Record<string, string>, authToken: string) =>
      fetch(`${stack.app.url}/webhooks/twilio/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, PUBLIC_STATUS_URL, form) },
        body: new URLSearchParams(form).toString(),
      });
    const statusForm = (sid: string, extra: Record<string, string> = {}) => ({
      MessageSid: sid,
      MessageStatus: 'failed',
      AccountSid: tenant.number.accountSid,
      // No registered number in From: the sender is looked up by the message sid.
      From: 'whatsapp:+15550009999',
      To: 'whatsapp:+5511900000000',
      ...extra,
    });

    it('answers a MessageSid with a NUL byte with 403 unsigned and 400 signed, before any lookup', async () => {
      const form = statusForm(`${newMessageSid()}\u0000`);

      expect((await postStatus(form, 'not-the-token')).status).toBe(403);
      expect((await postStatus({ ...form, From: `whatsapp:${tenant.number.phoneNumber}` }, tenant.number.authToken)).status).toBe(400);
    });

    it('stores an ErrorCode longer than its column truncated', async () => {
      const sent = await stack.ask(tenant, newCustomer(), 'vai falhar');
      await eventually(async () => (await stack.query(`SELECT 1 FROM messages WHERE provider_sid = $1`, [sent.sid])).length === 1, 'the sent message stored with its sid');
      const form = statusForm(sent.sid, { From: sent.from, To: sent.to, ErrorCode: '9'.repeat(40), ErrorMessage: 'erro\u0000' });

      expect((await postStatus(form, tenant.number.authToken)).status).toBe(204);

      const [row] = await stack.query<{ status: string; error_code: string; error_message: string }>(
        `SELECT status, error_code, error_message FROM messages WHERE provider_sid = $1`,
        [sent.sid],
      );
      expect(row).toEqual({ status: 'failed', error_code: '9'.repeat(20), error_message: 'erro' });
    });
  });
});
