import { call, login, newMessageSid } from '../support/api-client';
import { freePort } from '../support/free-port';
import { testRedis } from '../support/redis';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';
import { SecretBox } from '@core/crypto/secret-box';
import { TwilioSdkMessaging } from '@modules/channels/twilio/infrastructure/twilio-sdk.messaging';

const redis = testRedis('sandbox');
const DEMO_NUMBER = '+15550001000';

describe('the built-in sandbox with the demo tenant, on offline defaults (local AI provider, no Twilio)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('sandbox');
    const port = String(await freePort());
    // No OpenAI URL: the local provider answers. TWILIO_API_BASE_URL points nowhere: sandbox numbers never use it.
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, extra: { PORT: port, DEMO_SEED: 'true' } }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  const replies = async (contact: string) =>
    (await call(app.url, 'GET', `/sandbox/messages?number=${encodeURIComponent(DEMO_NUMBER)}&contact=${encodeURIComponent(contact)}`)).body.items as { body: string; from: string; to: string }[];

  it('answers a sandbox message in the same call, with the reply that went through the real webhook and SDK path', async () => {
    const contact = '+5511933330000';
    const sent = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: DEMO_NUMBER, from: contact, body: 'Hello there', profileName: 'Joe' } });
    expect(sent.status).toBe(202);
    expect(sent.body.webhookStatus).toBe(200);
    expect(sent.body.replies).toEqual([
      expect.objectContaining({ from: `whatsapp:${DEMO_NUMBER}`, to: `whatsapp:${contact}`, body: "Hello, Joe! I'm Demo Store's virtual assistant. How can I help?" }),
    ]);
  });

  it('lets a developer chat as a WhatsApp user and read the replies later', async () => {
    const contact = '+5511933330001';
    const sent = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: DEMO_NUMBER, from: contact, body: 'Olá, bom dia!', profileName: 'Joana', waitMs: 0 } });
    expect(sent.status).toBe(202);
    expect(sent.body.webhookStatus).toBe(200);
    expect(sent.body.replies).toBeUndefined();

    const [reply] = await eventually(async () => {
      const r = await replies(contact);
      return r.length > 0 && r;
    }, 'the sandbox reply');
    expect(reply).toMatchObject({ from: `whatsapp:${DEMO_NUMBER}`, to: `whatsapp:${contact}` });
    expect(reply.body).toBe('Olá, Joana! Sou o assistente virtual de Demo Store. Como posso ajudar?');

    await call(app.url, 'POST', '/sandbox/inbound', { json: { to: DEMO_NUMBER, from: contact, body: 'Vocês consertam bicicletas?', waitMs: 0 } });
    const all = await eventually(async () => {
      const r = await replies(contact);
      return r.length === 2 && r;
    }, 'the second reply');
    expect(all[1].body).toContain('Vou chamar uma pessoa da nossa equipe');
  });

  it("answers from the demo store's knowledge base offline, quoting it", async () => {
    const sent = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: DEMO_NUMBER, from: '+5511933330009', body: 'Qual o horário de funcionamento?' } });
    expect(sent.body.replies).toHaveLength(1);
    expect(sent.body.replies[0].body).toContain('das 9h às 18h');
  });

  it('shows the sandbox conversation to the demo admin through the API', async () => {
    const token = await login(app.url, 'demo@atende.local', 'demo-password-1');
    const list = await call(app.url, 'GET', '/api/v1/conversations', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    const messages = await call(app.url, 'GET', `/api/v1/conversations/${list.body.items[0].id}/messages`, { token });
    expect(messages.body.items[0]).toMatchObject({ direction: 'inbound', author: 'contact' });
    expect(messages.body.items[1]).toMatchObject({ direction: 'outbound', author: 'ai' });
  });

  it('does not let the sandbox speak for a real number, and refuses wrong credentials at its Twilio API', async () => {
    const token = await login(app.url, 'demo@atende.local', 'demo-password-1');
    await call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token, json: { phoneNumber: '+5511944440000', twilioAccountSid: `AC${'d'.repeat(32)}`, twilioAuthToken: 'd'.repeat(32) } });
    const real = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: '+5511944440000', from: '+5511933330002', body: 'oi' } });
    expect(real.status).toBe(404);

    const numbers = await call(app.url, 'GET', '/api/v1/whatsapp-numbers', { token });
    const sandbox = numbers.body.items.find((n: { sandbox: boolean }) => n.sandbox);
    const forged = await fetch(`${app.url}/sandbox/twilio/2010-04-01/Accounts/${sandbox.twilioAccountSid}/Messages.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${sandbox.twilioAccountSid}:guess`).toString('base64')}` },
      body: new URLSearchParams({ From: `whatsapp:${DEMO_NUMBER}`, To: 'whatsapp:+5511933330003', Body: 'spam', MessageSid: newMessageSid() }).toString(),
    });
    expect(forged.status).toBe(401);
    expect(await replies('+5511933330003')).toHaveLength(0);
  });

  it("lists a sandbox number's sends to the real SDK as Twilio does, so a send whose answer was lost is found before any resend", async () => {
    const contact = '+5511933330004';
    const sent = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: DEMO_NUMBER, from: contact, body: 'Hello there' } });
    expect(sent.body.replies).toHaveLength(1);
    const [number] = await queryDb<{ twilio_account_sid: string; twilio_auth_token_sealed: string }>(db.url, `SELECT * FROM whatsapp_numbers WHERE is_sandbox`);
    const account = { accountSid: number.twilio_account_sid, authToken: new SecretBox(app.config.ENCRYPTION_KEY).open(number.twilio_auth_token_sealed), apiBaseUrl: app.config.sandboxBaseUrl };

    const listed = await new TwilioSdkMessaging(app.config).listSent({ ...account, from: `whatsapp:${DEMO_NUMBER}`, to: `whatsapp:${contact}`, messagingServiceSid: null, since: new Date(Date.now() - 60_000) });

    expect(listed).toEqual([expect.objectContaining({ body: sent.body.replies[0].body, sid: expect.stringMatching(/^SM/), dateCreated: expect.any(Date) })]);
    await expect(new TwilioSdkMessaging(app.config).listSent({ ...account, authToken: 'guess', from: '', to: `whatsapp:${contact}`, messagingServiceSid: null, since: new Date() })).rejects.toMatchObject({ httpStatus: 401 });
  });

  it('creates the demo tenant only once across restarts', async () => {
    const again = await startTestApp({ ...app.config as unknown as Record<string, string>, PORT: '0' } as Record<string, string>).catch((e: Error) => e);
    if (again instanceof Error) throw again;
    await again.close();
    const platformToken = await login(app.url, 'root@atende.test', 'platform-admin-password-1');
    expect(platformToken).toEqual(expect.any(String));
    const token = await login(app.url, 'demo@atende.local', 'demo-password-1');
    const numbers = await call(app.url, 'GET', '/api/v1/whatsapp-numbers', { token });
    expect(numbers.body.items.filter((n: { sandbox: boolean }) => n.sandbox)).toHaveLength(1);
  });
});
