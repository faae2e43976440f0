import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { call, inboundForm, login, newMessageSid, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { SecretBox } from '../../src/core/crypto/secret-box';
import { freePort } from '../support/free-port';
import { testRedis } from '../support/redis';
import { OpenAiStandIn } from '../support/stand-ins/openai-stand-in';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('contacts');

const CUSTOMER = '+5511922220001';
const NEIGHBOUR = '+5511922220002';
const CUSTOMER_OF_B = '+5511922220003';
const CONTACT_VIEW_KEYS = ['createdAt', 'displayName', 'id', 'notes', 'optedOut', 'optedOutAt', 'phoneNumber', 'profileName', 'tags', 'throttledCount', 'throttledUntil', 'updatedAt', 'waId'];

interface Staff {
  id: string;
  token: string;
}

describe('contacts: list, search, tags, and LGPD/GDPR export and erasure', () => {
  let twilio: TwilioStandIn;
  let openai: OpenAiStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  let sandboxNumberOfA: string;
  let agentOfA: Staff;
  let agentOfB: Staff;
  let adminOfB: Staff;
  let customerId: string;
  let neighbourId: string;

  /** Seeded straight into the database so that this file does not depend on the staff API. */
  async function newAgent(tenant: TenantFixture): Promise<Staff> {
    const email = `agent-${randomBytes(4).toString('hex')}@tenant.test`;
    const password = 'agent-password-1';
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    const [row] = await queryDb<{ id: string }>(db.url, `INSERT INTO staff_users (tenant_id, email, password_hash, role) VALUES ($1, $2, $3, 'agent') RETURNING id`, [
      tenant.tenantId,
      email,
      passwordHash,
    ]);
    return { id: row.id, token: await login(app.url, email, password) };
  }

  const userIdOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;
  const contactIdOf = async (tenantId: string, phone: string): Promise<string | undefined> =>
    (await queryDb<{ id: string }>(db.url, `SELECT id FROM contacts WHERE tenant_id = $1 AND phone_number = $2`, [tenantId, phone]))[0]?.id;
  const answeredRuns = async (contactId: string) =>
    (await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM ai_results r JOIN conversations c ON c.id = r.conversation_id WHERE c.contact_id = $1`, [contactId]))[0].n;
  const repliesSentTo = async (phone: string) =>
    (await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM messages WHERE to_address = $1 AND provider_sid IS NOT NULL`, [`whatsapp:${phone}`]))[0].n;

  beforeAll(async () => {
    twilio = await new TwilioStandIn().start();
    openai = await new OpenAiStandIn().start();
    openai.reply = 'Olá! Fazemos bolos sob encomenda.';
    db = await createTestDatabase('contacts');
    // A fixed port: the sandbox number's sends go to the app's own Twilio-compatible API.
    const port = String(await freePort());
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai.url, extra: { PORT: port } }));
    a = await newTenant(app.url, 'Padaria A');
    b = await newTenant(app.url, 'Padaria B');
    sandboxNumberOfA = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const sandbox = await call(app.url, 'POST', '/api/v1/whatsapp-numbers', { token: a.adminToken, json: { phoneNumber: sandboxNumberOfA, sandbox: true } });
    expect(sandbox.status).toBe(201);
    agentOfA = await newAgent(a);
    agentOfB = await newAgent(b);
    adminOfB = { id: userIdOf(b.adminToken), token: b.adminToken };

    // The customer writes twice: once to A's Twilio number, once to A's sandbox number.
    await postInbound(app.url, inboundForm(a, { from: CUSTOMER, body: 'Vocês fazem bolo de aniversário?' }), a.number.authToken);
    await eventually(async () => (await repliesSentTo(CUSTOMER)) === 1, 'the first reply, through Twilio');
    const second = await call(app.url, 'POST', '/sandbox/inbound', { json: { to: sandboxNumberOfA, from: CUSTOMER, body: 'Para sábado, por favor', profileName: 'Maria Silva' } });
    expect(second.status).toBe(202);
    await postInbound(app.url, inboundForm(a, { from: NEIGHBOUR, body: 'Bom dia' }), a.number.authToken);
    await postInbound(app.url, inboundForm(b, { from: CUSTOMER_OF_B, body: 'Oi' }), b.number.authToken);

    customerId = (await eventually(() => contactIdOf(a.tenantId, CUSTOMER), 'the customer as a contact'))!;
    neighbourId = (await eventually(() => contactIdOf(a.tenantId, NEIGHBOUR), 'the neighbour as a contact'))!;
    await eventually(() => contactIdOf(b.tenantId, CUSTOMER_OF_B), "tenant B's customer as a contact");
    await eventually(async () => (await answeredRuns(customerId)) === 2 && (await repliesSentTo(CUSTOMER)) === 2, 'both replies to the customer');
    await eventually(async () => (await answeredRuns(neighbourId)) === 1 && (await repliesSentTo(NEIGHBOUR)) === 1, 'the reply to the neighbour');
    await eventually(async () => (await queryDb(db.url, `SELECT 1 FROM sandbox_messages WHERE to_address = $1`, [`whatsapp:${CUSTOMER}`])).length === 1, 'the sandbox reply');
    // The e2e project's testTimeout is not applied by Jest 30 (a global-only option): this setup needs more than the default 5 s under load.
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await Promise.all([twilio?.stop(), openai?.stop()]);
    await db?.drop();
    await redis.cleanup();
  });

  const get = (token: string, path: string) => call(app.url, 'GET', path, { token });

  it("lists the tenant's contacts a page at a time, each as the contact view", async () => {
    const first = await get(a.adminToken, '/api/v1/contacts?limit=1&offset=0');
    const second = await get(agentOfA.token, '/api/v1/contacts?limit=1&offset=1');
    const beyond = await get(a.adminToken, '/api/v1/contacts?limit=1&offset=2');

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(beyond.body).toMatchObject({ items: [], total: 2 });
    expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual([customerId, neighbourId].sort());

    const customer = (await get(a.adminToken, `/api/v1/contacts/${customerId}`)).body;
    expect(Object.keys(customer).sort()).toEqual(CONTACT_VIEW_KEYS);
    expect(customer).toMatchObject({ id: customerId, phoneNumber: CUSTOMER, waId: CUSTOMER.slice(1), profileName: 'Maria Silva', displayName: null, notes: null, tags: [] });
    expect((await get(a.adminToken, '/api/v1/contacts?limit=101')).status).toBe(400);
  });

  it('searches by part of the phone number, profile name or display name, case-insensitively', async () => {
    const search = async (q: string) => ((await get(a.adminToken, `/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]).map((c) => c.id);

    expect(await search('922220001')).toEqual([customerId]);
    expect(await search('maria SILVA')).toEqual([customerId]);
    expect((await search('5511922220')).sort()).toEqual([customerId, neighbourId].sort());
    expect(await search('%')).toEqual([]);

    const renamed = await call(app.url, 'PATCH', `/api/v1/contacts/${neighbourId}`, { token: a.adminToken, json: { displayName: 'Dona Joana' } });
    expect(renamed.status).toBe(200);
    expect(await search('joana')).toEqual([neighbourId]);
  });

  it('updates display name and notes, replaces tags normalised and de-duplicated, and refuses invalid input', async () => {
    const path = `/api/v1/contacts/${customerId}`;
    const updated = await call(app.url, 'PATCH', path, { token: a.adminToken, json: { displayName: '  Maria da Padaria ', notes: 'Prefere sábado', tags: ['VIP', ' vip', 'Bolo-Festa'] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: 'Maria da Padaria', notes: 'Prefere sábado', tags: ['vip', 'bolo-festa'] });

    const cleared = await call(app.url, 'PATCH', path, { token: agentOfA.token, json: { notes: null } });
    expect(cleared.body).toMatchObject({ displayName: 'Maria da Padaria', notes: null, tags: ['vip', 'bolo-festa'] });

    const badTag = await call(app.url, 'PATCH', path, { token: a.adminToken, json: { tags: ['não vale'] } });
    expect(badTag.status).toBe(400);
    expect(badTag.body.code).toBe('IDENTITY.INVALID_TAG');
    const tooMany = await call(app.url, 'PATCH', path, { token: a.adminToken, json: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } });
    expect(tooMany.status).toBe(400);
    const phone = await call(app.url, 'PATCH', path, { token: a.adminToken, json: { phoneNumber: '+5511900000000' } });
    expect(phone.status).toBe(400);
    const nullTags = await call(app.url, 'PATCH', path, { token: a.adminToken, json: { tags: null } });
    expect(nullTags.status).toBe(400);
    expect((await get(a.adminToken, path)).body).toMatchObject({ phoneNumber: CUSTOMER, tags: ['vip', 'bolo-festa'] });
  });

  it('adds and removes tags, and filters the list by tag', async () => {
    const added = await call(app.url, 'POST', `/api/v1/contacts/${customerId}/tags`, { token: agentOfA.token, json: { tags: ['Entrega', 'vip'] } });
    expect(added.status).toBe(200);
    expect(added.body.tags).toEqual(['vip', 'bolo-festa', 'entrega']);

    const tagged = await get(agentOfA.token, '/api/v1/contacts?tag=ENTREGA');
    expect(tagged.body).toMatchObject({ total: 1, items: [{ id: customerId }] });

    const removed = await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}/tags/entrega`, { token: agentOfA.token });
    expect(removed.status).toBe(200);
    expect(removed.body.tags).toEqual(['vip', 'bolo-festa']);
    const again = await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}/tags/entrega`, { token: agentOfA.token });
    expect(again.body.tags).toEqual(['vip', 'bolo-festa']);
    expect((await get(a.adminToken, '/api/v1/contacts?tag=entrega')).body.total).toBe(0);

    const full = await call(app.url, 'POST', `/api/v1/contacts/${customerId}/tags`, { token: a.adminToken, json: { tags: Array.from({ length: 19 }, (_, i) => `extra-${i}`) } });
    expect(full.status).toBe(422);
    expect(full.body.code).toBe('IDENTITY.TOO_MANY_TAGS');
    expect((await get(a.adminToken, `/api/v1/contacts/${customerId}`)).body.tags).toEqual(['vip', 'bolo-festa']);
  });

  it('lets an agent read and tag contacts but refuses export, erasure and the erasure log with 403', async () => {
    expect((await get(agentOfA.token, `/api/v1/contacts/${customerId}`)).status).toBe(200);
    expect((await call(app.url, 'POST', `/api/v1/contacts/${customerId}/tags`, { token: agentOfA.token, json: { tags: ['agente'] } })).status).toBe(200);
    expect((await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}/tags/agente`, { token: agentOfA.token })).status).toBe(200);

    expect((await get(agentOfA.token, `/api/v1/contacts/${customerId}/export`)).status).toBe(403);
    expect((await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}`, { token: agentOfA.token })).status).toBe(403);
    expect((await get(agentOfA.token, '/api/v1/contact-erasures')).status).toBe(403);
    expect(await contactIdOf(a.tenantId, CUSTOMER)).toBe(customerId);
  });

  it("never shows tenant B A's contacts: 404 on every id route for its admin and agent, absent from its lists and searches", async () => {
    for (const staff of [adminOfB, agentOfB]) {
      const results = {
        get: (await get(staff.token, `/api/v1/contacts/${customerId}`)).status,
        patch: (await call(app.url, 'PATCH', `/api/v1/contacts/${customerId}`, { token: staff.token, json: { notes: 'intruso' } })).status,
        addTag: (await call(app.url, 'POST', `/api/v1/contacts/${customerId}/tags`, { token: staff.token, json: { tags: ['intruso'] } })).status,
        removeTag: (await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}/tags/vip`, { token: staff.token })).status,
        export: (await get(staff.token, `/api/v1/contacts/${customerId}/export`)).status,
        erase: (await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}`, { token: staff.token })).status,
      };
      // Export and erasure are for admins: an agent is refused by role before the id is looked at.
      const roleBound = staff === agentOfB ? 403 : 404;
      expect(results).toEqual({ get: 404, patch: 404, addTag: 404, removeTag: 404, export: roleBound, erase: roleBound });

      const listed = await get(staff.token, '/api/v1/contacts?limit=100');
      expect(listed.body.total).toBe(1);
      expect(listed.body.items.map((c: { phoneNumber: string }) => c.phoneNumber)).toEqual([CUSTOMER_OF_B]);
      for (const q of [CUSTOMER, 'maria', 'joana']) expect((await get(staff.token, `/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.total).toBe(0);
      expect((await get(staff.token, '/api/v1/contacts?tag=vip')).body.total).toBe(0);
    }
    const [stored] = await queryDb<{ notes: string | null; tags: string[] }>(db.url, `SELECT notes, tags FROM contacts WHERE id = $1`, [customerId]);
    expect(stored).toEqual({ notes: null, tags: ['vip', 'bolo-festa'] });
  });

  it('exports everything stored about the contact as one JSON attachment, unattached inbound messages included', async () => {
    const [unattached] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO messages (tenant_id, whatsapp_number_id, direction, author, body, from_address, to_address, provider, provider_sid, status)
       VALUES ($1, $2, 'inbound', 'contact', 'Ainda não processada', $3, $4, 'twilio', $5, 'received') RETURNING id`,
      [a.tenantId, a.number.id, `whatsapp:${CUSTOMER}`, `whatsapp:${a.number.phoneNumber}`, newMessageSid()],
    );

    const exported = await get(a.adminToken, `/api/v1/contacts/${customerId}/export`);

    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="contact-${customerId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const doc = exported.body;
    expect(doc.tenantId).toBe(a.tenantId);
    expect(Number.isNaN(Date.parse(doc.exportedAt))).toBe(false);
    expect(doc.contact).toMatchObject({ id: customerId, phoneNumber: CUSTOMER, profileName: 'Maria Silva', displayName: 'Maria da Padaria', tags: ['vip', 'bolo-festa'] });

    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    const conversations = await queryDb<{ id: string }>(db.url, `SELECT id FROM conversations WHERE contact_id = $1`, [customerId]);
    const messages = await queryDb<{ id: string }>(db.url, `SELECT id FROM messages WHERE contact_id = $1 OR from_address = $2 OR to_address = $2`, [customerId, `whatsapp:${CUSTOMER}`]);
    const runs = await queryDb<{ id: string }>(db.url, `SELECT id FROM ai_results WHERE conversation_id = ANY($1::uuid[])`, [ids(conversations)]);
    const sandbox = await queryDb<{ id: string }>(db.url, `SELECT id FROM sandbox_messages WHERE to_address = $1`, [`whatsapp:${CUSTOMER}`]);
    expect(conversations).toHaveLength(2);
    expect(messages).toHaveLength(5);
    expect(runs).toHaveLength(2);
    expect(sandbox).toHaveLength(1);

    expect(ids(doc.conversations)).toEqual(ids(conversations));
    expect(ids(doc.messages)).toEqual(ids(messages));
    expect(ids(doc.messages)).toContain(unattached.id);
    expect(ids(doc.aiResults)).toEqual(ids(runs));
    expect(ids(doc.sandboxMessages)).toEqual(ids(sandbox));
    expect(doc.conversations.every((c: { contactId: string }) => c.contactId === customerId)).toBe(true);

    const summary = doc.messages.map((m: { direction: string; body: string }) => `${m.direction}: ${m.body}`).sort();
    expect(summary).toEqual(
      [
        'inbound: Vocês fazem bolo de aniversário?',
        'inbound: Para sábado, por favor',
        'inbound: Ainda não processada',
        `outbound: ${openai.reply}`,
        `outbound: ${openai.reply}`,
      ].sort(),
    );
    expect(doc.aiResults.every((r: { inboundMessageId: string }) => ids(messages).includes(r.inboundMessageId))).toBe(true);
    expect(doc.sandboxMessages[0]).toMatchObject({ toAddress: `whatsapp:${CUSTOMER}`, body: openai.reply });
    expect(exported.text).not.toContain(NEIGHBOUR);
  });

  it('erases the contact and everything stored about it in the database, records the erasure without the phone, and leaves the neighbour untouched', async () => {
    const neighbourBefore = await footprint(neighbourId, NEIGHBOUR);
    const conversationIds = (await queryDb<{ id: string }>(db.url, `SELECT id FROM conversations WHERE contact_id = $1`, [customerId])).map((r) => r.id);
    const runIds = (await queryDb<{ id: string }>(db.url, `SELECT id FROM ai_results WHERE conversation_id = ANY($1::uuid[])`, [conversationIds])).map((r) => r.id);
    expect(runIds).toHaveLength(2);

    const erased = await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}`, { token: a.adminToken });

    expect(erased.status).toBe(204);
    expect(erased.text).toBe('');
    const address = `whatsapp:${CUSTOMER}`;
    const left = {
      contacts: await count(`SELECT count(*)::int AS n FROM contacts WHERE id = $1 OR phone_number = $2`, [customerId, CUSTOMER]),
      conversations: await count(`SELECT count(*)::int AS n FROM conversations WHERE contact_id = $1 OR id = ANY($2::uuid[])`, [customerId, conversationIds]),
      messagesByContact: await count(`SELECT count(*)::int AS n FROM messages WHERE contact_id = $1 OR conversation_id = ANY($2::uuid[])`, [customerId, conversationIds]),
      messagesByAddress: await count(`SELECT count(*)::int AS n FROM messages WHERE from_address = $1 OR to_address = $1`, [address]),
      aiResults: await count(`SELECT count(*)::int AS n FROM ai_results WHERE id = ANY($1::uuid[]) OR conversation_id = ANY($2::uuid[])`, [runIds, conversationIds]),
      sandboxMessages: await count(`SELECT count(*)::int AS n FROM sandbox_messages WHERE to_address = $1 OR from_address = $1`, [address]),
    };
    expect(left).toEqual({ contacts: 0, conversations: 0, messagesByContact: 0, messagesByAddress: 0, aiResults: 0, sandboxMessages: 0 });

    const records = await queryDb<Record<string, unknown>>(db.url, `SELECT * FROM contact_erasures WHERE contact_id = $1`, [customerId]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      tenant_id: a.tenantId,
      phone_hmac: new SecretBox(app.config.ENCRYPTION_KEY).fingerprint(CUSTOMER),
      erased_by: userIdOf(a.adminToken),
      removed: expect.objectContaining({ contact: 1, conversations: 2, messages: 5, aiResults: 2, sandboxMessages: 1 }),
    });
    expect(JSON.stringify(records[0])).not.toContain(CUSTOMER.slice(1));

    expect(await footprint(neighbourId, NEIGHBOUR)).toEqual(neighbourBefore);
    expect((await get(a.adminToken, `/api/v1/contacts/${neighbourId}`)).status).toBe(200);
    expect((await get(a.adminToken, `/api/v1/contacts/${customerId}`)).status).toBe(404);
    expect((await call(app.url, 'DELETE', `/api/v1/contacts/${customerId}`, { token: a.adminToken })).status).toBe(404);
  });

  it("lists erasures to the tenant's admins only, without the phone number", async () => {
    const listed = await get(a.adminToken, '/api/v1/contact-erasures?limit=10');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(listed.body.items[0]).toMatchObject({
      contactId: customerId,
      phoneFingerprint: new SecretBox(app.config.ENCRYPTION_KEY).fingerprint(CUSTOMER),
      erasedBy: userIdOf(a.adminToken),
      removed: expect.objectContaining({ contact: 1, messages: 5 }),
    });
    expect(listed.text).not.toContain(CUSTOMER.slice(1));
    expect((await get(adminOfB.token, '/api/v1/contact-erasures')).body).toMatchObject({ items: [], total: 0 });
  });

  it('logs contact edits by field name only and logs every export, so the append-only audit log holds no personal data', async () => {
    const rows = await eventually(async () => {
      const found = await queryDb<{ action: string; details: Record<string, unknown> }>(
        db.url,
        `SELECT action, details FROM audit_events WHERE tenant_id = $1 AND action LIKE '% /api/v1/contacts%' ORDER BY created_at`,
        [a.tenantId],
      );
      return found.some((r) => r.action === 'GET /api/v1/contacts/:id/export') ? found : undefined;
    }, 'the audit rows of the contact routes');
    const patches = rows.filter((r) => r.action === 'PATCH /api/v1/contacts/:id').map((r) => r.details);
    expect(patches).toContainEqual({ fields: ['displayName', 'notes', 'tags'] });
    for (const details of patches) expect(Object.keys(details)).toEqual(['fields']);
    const everything = JSON.stringify(rows);
    for (const personal of ['Maria da Padaria', 'Prefere sábado', 'bolo-festa']) expect(everything).not.toContain(personal);
  });

  async function count(sql: string, params: unknown[]): Promise<number> {
    return (await queryDb<{ n: number }>(db.url, sql, params))[0].n;
  }

  /** Everything stored for one contact, by table, to show that an erasure left it alone. */
  async function footprint(contactId: string, phone: string) {
    return {
      contact: await queryDb(db.url, `SELECT id, phone_number, tags, display_name FROM contacts WHERE id = $1`, [contactId]),
      conversations: await count(`SELECT count(*)::int AS n FROM conversations WHERE contact_id = $1`, [contactId]),
      messages: await count(`SELECT count(*)::int AS n FROM messages WHERE contact_id = $1 OR from_address = $2 OR to_address = $2`, [contactId, `whatsapp:${phone}`]),
      aiResults: await count(`SELECT count(*)::int AS n FROM ai_results r JOIN conversations c ON c.id = r.conversation_id WHERE c.contact_id = $1`, [contactId]),
    };
  }
});
