import Redis from 'ioredis';
import { call, newTenant, TenantFixture, newAgent as agentOf } from '../support/api-client';
import { LiveClient, openConsole } from '../support/live-client';
import { startStack, Stack } from '../support/stack';
import { eventually, pause, startTestApp, testEnv } from '../support/test-app';
import { REDIS_TEST_URL } from '../support/test-env';

const SWEEP_INTERVAL_MS = 300;
const UNCLAIMED_NOTICE = 'Todos os nossos atendentes estão ocupados no momento. Assim que alguém estiver disponível, continuaremos por aqui.';
const FOLLOW_UP = 'Ainda está por aí? Se precisar de mais alguma coisa, é só responder esta mensagem.';
const DEFAULTS = {
  handoffAcknowledgement: null,
  unclaimedNoticeAfterSeconds: null,
  unclaimedNotice: null,
  inactivityCloseAfterSeconds: 86400,
  inactivityFollowUpAfterSeconds: null,
  inactivityFollowUp: null,
  autoAssign: false,
};

describe('conversation settings and timers: unclaimed notice, inactivity follow-up and close', () => {
  let stack: Stack;
  let phone = 5511944440000;
  const nextCustomer = () => `+${(phone += 1)}`;

  beforeAll(async () => {
    stack = await startStack('conversation_timers', { extra: { CONVERSATION_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS) } });
  });

  const consoles: LiveClient[] = [];

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await stack?.close();
  });

  async function consoleOf(tenant: TenantFixture): Promise<LiveClient> {
    const opened = await openConsole(stack.app.url, tenant.adminToken);
    consoles.push(opened);
    return opened;
  }

  const settings = (token: string) => call(stack.app.url, 'GET', '/api/v1/conversation-settings', { token });
  const patch = (token: string | undefined, json: unknown) => call(stack.app.url, 'PATCH', '/api/v1/conversation-settings', { token, json });

  const newAgent = async (tenant: TenantFixture): Promise<string> => (await agentOf(stack.app.url, tenant)).token;

  async function tenantWith(changes: Record<string, unknown>): Promise<TenantFixture> {
    const tenant = await newTenant(stack.app.url, 'Timers');
    const changed = await patch(tenant.adminToken, changes);
    expect(changed.status).toBe(200);
    return tenant;
  }

  const conversationsOf = (customer: string) =>
    stack.query<{ id: string; state: string; closed_at: Date | null; unclaimed_notified_at: Date | null }>(
      `SELECT c.id, c.state, c.closed_at, c.unclaimed_notified_at FROM conversations c JOIN contacts k ON k.id = c.contact_id
       WHERE k.phone_number = $1 ORDER BY c.created_at`,
      [customer],
    );
  const bodiesSentTo = (customer: string) => stack.sentTo(customer).map((m) => m.body);
  const closed = async (customer: string, count = 1) => {
    const rows = await conversationsOf(customer);
    return rows.length >= count && rows[count - 1].state === 'CLOSED' && rows[count - 1];
  };

  describe('GET and PATCH /api/v1/conversation-settings', () => {
    let a: TenantFixture;
    let b: TenantFixture;
    let agentOfA: string;

    beforeAll(async () => {
      [a, b] = await Promise.all([newTenant(stack.app.url, 'Settings A'), newTenant(stack.app.url, 'Settings B')]);
      agentOfA = await newAgent(a);
    });

    it('shows the defaults to admins and agents of a tenant that never changed them', async () => {
      for (const token of [a.adminToken, agentOfA]) {
        const read = await settings(token);
        expect(read.status).toBe(200);
        expect(read.body).toEqual(DEFAULTS);
      }
    });

    it('changes only the given fields, trims texts, and clears optional ones with null', async () => {
      const changed = await patch(a.adminToken, { unclaimedNoticeAfterSeconds: 300, unclaimedNotice: '  Já já te atendemos.  ', autoAssign: true });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ ...DEFAULTS, unclaimedNoticeAfterSeconds: 300, unclaimedNotice: 'Já já te atendemos.', autoAssign: true });

      const again = await patch(a.adminToken, { inactivityCloseAfterSeconds: 7200, inactivityFollowUpAfterSeconds: 3600, unclaimedNotice: null });
      expect(again.body).toEqual({ ...DEFAULTS, unclaimedNoticeAfterSeconds: 300, autoAssign: true, inactivityCloseAfterSeconds: 7200, inactivityFollowUpAfterSeconds: 3600 });
      expect((await settings(agentOfA)).body).toEqual(again.body);
    });

    it.each([
      ['an unclaimed notice sooner than 10 s', { unclaimedNoticeAfterSeconds: 9 }],
      ['a close time of zero', { inactivityCloseAfterSeconds: 0 }],
      ['a close time over 30 days', { inactivityCloseAfterSeconds: 2592001 }],
      ['clearing the close time', { inactivityCloseAfterSeconds: null }],
      ['fractional seconds', { inactivityCloseAfterSeconds: 1.5 }],
      ['seconds as text', { unclaimedNoticeAfterSeconds: '60' }],
      ['a follow-up not before the close', { inactivityFollowUpAfterSeconds: 7200 }],
      ['a blank text', { handoffAcknowledgement: '   ' }],
      ['a text over 1000 characters', { inactivityFollowUp: 'x'.repeat(1001) }],
      ['a non-boolean autoAssign', { autoAssign: 'yes' }],
      ['an unknown field', { closeAfter: 10 }],
    ])('answers 400 to %s and changes nothing', async (_label, body) => {
      const before = (await settings(a.adminToken)).body;
      const refused = await patch(a.adminToken, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect((await settings(a.adminToken)).body).toEqual(before);
    });

    it('names the broken rule with a code when only the combination is wrong', async () => {
      const refused = await patch(a.adminToken, { inactivityCloseAfterSeconds: 60 });
      expect(refused.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'CONVERSATION.INVALID_SETTINGS',
        message: 'inactivityFollowUpAfterSeconds must be shorter than inactivityCloseAfterSeconds',
      });
    });

    it('lets only tenant admins change them, and only with a token', async () => {
      expect((await patch(agentOfA, { autoAssign: false })).status).toBe(403);
      expect((await patch(undefined, { autoAssign: false })).status).toBe(401);
      expect((await settings('')).status).toBe(401);
      expect((await settings(agentOfA)).body.autoAssign).toBe(true);
    });

    it("keeps each tenant's settings apart", async () => {
      expect((await settings(b.adminToken)).body).toEqual(DEFAULTS);
      await patch(b.adminToken, { handoffAcknowledgement: 'Só um instante' });
      expect((await settings(a.adminToken)).body.handoffAcknowledgement).toBeNull();
      expect((await settings(b.adminToken)).body.handoffAcknowledgement).toBe('Só um instante');
    });
  });

  it('tells a customer nobody claimed once, after the tenant\'s time, and keeps the chat in the queue', async () => {
    const tenant = await tenantWith({ unclaimedNoticeAfterSeconds: 10 });
    const live = await consoleOf(tenant);
    const customer = nextCustomer();

    const acknowledgement = await stack.ask(tenant, customer, 'quero falar com um atendente');

    expect((await conversationsOf(customer))[0].state).toBe('HANDOFF_PENDING');
    const notice = await eventually(() => stack.sentTo(customer)[1], 'the unclaimed notice', 30_000);
    expect(notice.body).toBe(UNCLAIMED_NOTICE);
    await pause(SWEEP_INTERVAL_MS * 5);
    expect(bodiesSentTo(customer)).toEqual([acknowledgement.body, UNCLAIMED_NOTICE]);
    const [conversation] = await conversationsOf(customer);
    expect(conversation.state).toBe('HANDOFF_PENDING');
    expect(conversation.unclaimed_notified_at).not.toBeNull();
    const stored = await stack.query(`SELECT author, direction, status FROM messages WHERE conversation_id = $1 AND body = $2`, [conversation.id, UNCLAIMED_NOTICE]);
    expect(stored).toEqual([{ author: 'system', direction: 'outbound', status: expect.not.stringMatching(/^(pending|failed)$/) }]);
    const shown = live.events('message.created').filter((e) => e.message.body === UNCLAIMED_NOTICE);
    expect(shown).toEqual([expect.objectContaining({ conversationId: conversation.id, message: expect.objectContaining({ author: 'system', direction: 'outbound' }) })]);
  });

  it('closes a chat idle past the close time without any new message, and says nothing to the customer', async () => {
    const tenant = await tenantWith({ inactivityCloseAfterSeconds: 2 });
    const live = await consoleOf(tenant);
    const customer = nextCustomer();
    await stack.ask(tenant, customer, 'Oi, bom dia!');

    const conversation = await eventually(() => closed(customer), 'the idle conversation to close');

    expect(conversation.closed_at).not.toBeNull();
    const events = await stack.query<{ from_state: string; to_state: string; actor_type: string; reason: string }>(
      `SELECT from_state, to_state, actor_type, reason FROM conversation_events WHERE conversation_id = $1 AND to_state = 'CLOSED'`,
      [conversation.id],
    );
    expect(events).toEqual([{ from_state: 'WAITING_USER', to_state: 'CLOSED', actor_type: 'system', reason: 'inactivity' }]);
    await pause(SWEEP_INTERVAL_MS * 3);
    expect(stack.sentTo(customer)).toHaveLength(1);
    const messages = await stack.query(`SELECT id FROM messages WHERE conversation_id = $1`, [conversation.id]);
    expect(messages).toHaveLength(2);
    const closedUpdate = await eventually(() => live.events('conversation.updated').find((e) => e.change === 'closed'), 'the consoles to hear of the close');
    expect(closedUpdate).toMatchObject({ conversationId: conversation.id, conversation: { id: conversation.id, state: 'CLOSED' } });
  });

  it('sends the follow-up exactly once before closing', async () => {
    const tenant = await tenantWith({ inactivityCloseAfterSeconds: 4, inactivityFollowUpAfterSeconds: 1 });
    const live = await consoleOf(tenant);
    const customer = nextCustomer();
    const reply = await stack.ask(tenant, customer, 'Oi, bom dia!');

    const conversation = await eventually(() => closed(customer), 'the followed-up conversation to close');
    await pause(SWEEP_INTERVAL_MS * 3);

    expect(bodiesSentTo(customer)).toEqual([reply.body, FOLLOW_UP]);
    const [followUp] = await stack.query<{ author: string; created_at: Date }>(`SELECT author, created_at FROM messages WHERE conversation_id = $1 AND body = $2`, [
      conversation.id,
      FOLLOW_UP,
    ]);
    expect(followUp.author).toBe('system');
    expect(followUp.created_at.getTime()).toBeLessThan((conversation.closed_at as Date).getTime());
    expect(live.events('message.created').filter((e) => e.message.author === 'system').map((e) => e.message.body)).toEqual([FOLLOW_UP]);
  });

  it("opens a new conversation for the customer's next message, and the AI still remembers what they said before", async () => {
    const tenant = await tenantWith({ inactivityCloseAfterSeconds: 2 });
    const customer = nextCustomer();
    const noted = await stack.ask(tenant, customer, 'Meu nome é Carla e sou alérgica a amendoim');
    expect(noted.body).toContain('Anotado');
    const first = await eventually(() => closed(customer), 'the first conversation to close');

    const recalled = await stack.ask(tenant, customer, 'Você lembra do que eu sou alérgica?');

    expect(recalled.body).toContain('amendoim');
    const conversations = await conversationsOf(customer);
    expect(conversations).toHaveLength(2);
    expect(conversations[1].id).not.toBe(first.id);
    const summaries = () => stack.query(`SELECT id FROM contact_memories WHERE conversation_id = $1 AND kind = 'summary'`, [first.id]);
    await eventually(async () => (await summaries()).length === 1, 'the closed conversation to be summarized into the contact memory');
  });

  it('keeps one sweep schedule in Redis however many workers start', async () => {
    const repeatKey = `${stack.redisPrefix}:conversation_timers:repeat`;
    const redis = new Redis(REDIS_TEST_URL);
    try {
      const schedules = () => redis.zrange(repeatKey, 0, -1);
      expect(await schedules()).toHaveLength(1);
      const [schedule] = await schedules();
      expect(schedule).toMatch(new RegExp(`^inactivity_sweep:inactivity-sweep:.*:${SWEEP_INTERVAL_MS}$`));
      const env = testEnv({
        databaseUrl: stack.db.appUrl,
        redis: { url: REDIS_TEST_URL, prefix: stack.redisPrefix },
        extra: { APP_ROLE: 'worker', CONVERSATION_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS) },
      });
      const secondWorker = await startTestApp(env);
      try {
        expect(await schedules()).toEqual([schedule]);
      } finally {
        await secondWorker.close();
      }
    } finally {
      redis.disconnect();
    }
  });
});
