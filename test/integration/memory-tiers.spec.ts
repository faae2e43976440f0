import 'reflect-metadata';
import Bull, { Queue } from 'bull';
import pgvector from 'pgvector';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/core/config/app-config';
import { buildDataSourceOptions } from '../../src/core/database/data-source-options';
import { ScopedDb } from '../../src/core/database/scoped-db';
import { QUEUES } from '../../src/core/queue/queue-names';
import { ContactMemories } from '../../src/modules/ai/application/memory/contact-memories';
import { ConversationMemory } from '../../src/modules/ai/application/memory/conversation-memory';
import { SummarizeConversation } from '../../src/modules/ai/application/memory/summarize-conversation.use-case';
import type { FeatureFlags } from '../../src/modules/identity/application/ports/feature-flags.port';
import { ConversationHistory } from '../../src/modules/ai/application/ports/conversation-history.port';
import type { MemoryTurn } from '../../src/modules/ai/domain/memory/memory';
import { LocalEmbeddingProvider } from '../../src/modules/ai/infrastructure/knowledge-base/local-embedding-provider';
import { ExtractiveConversationSummarizer } from '../../src/modules/ai/infrastructure/memory/extractive-conversation-summarizer';
import { nearestMemoriesSql, PgVectorContactMemoryRepository } from '../../src/modules/ai/infrastructure/memory/pgvector-contact-memory.repository';
import { RedisSessionWindow } from '../../src/modules/ai/infrastructure/memory/redis-session-window';
import { TypeOrmConversationHistory } from '../../src/modules/ai/infrastructure/memory/typeorm-conversation-history';
import { testRedis } from '../support/redis';
import { createTestDatabase, queryDb } from '../support/test-database';

const redis = testRedis('memory_tiers');

/** Counts L2 reads, to prove that a warm window answers without them. */
class CountingHistory extends ConversationHistory {
  reads = 0;

  constructor(private readonly inner: ConversationHistory) {
    super();
  }

  recent(tenantId: string, conversationId: string, limit: number): Promise<MemoryTurn[]> {
    this.reads += 1;
    return this.inner.recent(tenantId, conversationId, limit);
  }

  contactOf(tenantId: string, conversationId: string): Promise<string | null> {
    return this.inner.contactOf(tenantId, conversationId);
  }
}

interface Seeded {
  tenantId: string;
  numberId: string;
  contactId: string;
}

/**
 * The three memory tiers against the real Redis and PostgreSQL, as the app's role (RLS applies):
 * the session window falls back to the messages table and warms again; long-term memories are
 * recalled by similarity, one contact and one tenant at a time, through the HNSW index.
 */
describe('memory tiers over Redis and PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let queue: Queue;
  let window: RedisSessionWindow;
  let history: CountingHistory;
  let memory: ConversationMemory;
  let memories: ContactMemories;
  let summarize: SummarizeConversation;
  let a: Seeded;
  let b: Seeded;
  let otherContactOfA: string;
  let conversationOne: string;
  let conversationTwo: string;
  let minute = 0;

  // The window reads only QUEUE_PREFIX from the configuration (the whole app's config would import the app).
  const config = { QUEUE_PREFIX: redis.prefix } as AppConfig;
  const keyOf = (tenantId: string, conversationId: string) => `${redis.prefix}:ai:session:${tenantId}:${conversationId}`;
  const ids = (turns: MemoryTurn[]) => turns.map((t) => t.messageId);
  const OPTS = { maxTurns: 4, ttlSeconds: 1800 };

  async function seedTenant(label: string, phone: string): Promise<Seeded> {
    const [tenant] = await queryDb<{ id: string }>(db.url, `INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [label]);
    const [number] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO whatsapp_numbers (tenant_id, phone_number, twilio_account_sid, twilio_auth_token_sealed) VALUES ($1, $2, 'AC0', 'v1.x') RETURNING id`,
      [tenant.id, phone],
    );
    return { tenantId: tenant.id, numberId: number.id, contactId: await seedContact(tenant.id, '+5511900000001') };
  }

  async function seedContact(tenantId: string, phone: string): Promise<string> {
    const [contact] = await queryDb<{ id: string }>(db.url, `INSERT INTO contacts (tenant_id, phone_number) VALUES ($1, $2) RETURNING id`, [tenantId, phone]);
    return contact.id;
  }

  async function seedConversation(seed: Seeded, contactId: string, state = 'ACTIVE'): Promise<string> {
    const [conversation] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO conversations (tenant_id, contact_id, whatsapp_number_id, state) VALUES ($1, $2, $3, $4) RETURNING id`,
      [seed.tenantId, contactId, seed.numberId, state],
    );
    return conversation.id;
  }

  /** A stored message, one minute after the previous one. */
  async function seedMessage(seed: Seeded, conversationId: string, author: 'contact' | 'ai' | 'agent', body: string): Promise<MemoryTurn> {
    minute += 1;
    const at = new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();
    const [row] = await queryDb<{ id: string }>(
      db.url,
      `INSERT INTO messages (tenant_id, whatsapp_number_id, conversation_id, contact_id, direction, author, body, from_address, to_address, status, created_at)
       VALUES ($1, $2, $3, (SELECT contact_id FROM conversations WHERE id = $3), $4, $5, $6, 'whatsapp:+5511900000001', 'whatsapp:+15550000001', $7, $8) RETURNING id`,
      [seed.tenantId, seed.numberId, conversationId, author === 'contact' ? 'inbound' : 'outbound', author, body, author === 'contact' ? 'received' : 'sent', at],
    );
    return { messageId: row.id, author, body: body === '' ? '[media]' : body, at };
  }

  beforeAll(async () => {
    db = await createTestDatabase('memory_tiers');
    a = await seedTenant('Memory A', '+15550000001');
    b = await seedTenant('Memory B', '+15550000002');
    otherContactOfA = await seedContact(a.tenantId, '+5511900000002');
    conversationOne = await seedConversation(a, a.contactId, 'CLOSED');
    conversationTwo = await seedConversation(a, a.contactId);

    dataSource = await new DataSource(buildDataSourceOptions(db.appUrl)).initialize();
    const scoped = new ScopedDb(dataSource);
    queue = new Bull(QUEUES.processAiResponse, redis.url, { prefix: redis.prefix });
    window = new RedisSessionWindow(queue, config);
    history = new CountingHistory(new TypeOrmConversationHistory(scoped));
    memory = new ConversationMemory(window, history);
    memories = new ContactMemories(new PgVectorContactMemoryRepository(scoped), new LocalEmbeddingProvider(1536));
    summarize = new SummarizeConversation(history, new ExtractiveConversationSummarizer(), memories, { isEnabled: async () => false } as unknown as FeatureFlags);
  });

  afterAll(async () => {
    await queue?.close();
    await dataSource?.destroy();
    await db?.drop();
    await redis.cleanup();
  });

  describe('L1 session window and L2 history', () => {
    let conversation: string;
    let stored: MemoryTurn[];

    beforeAll(async () => {
      conversation = await seedConversation(a, otherContactOfA);
      stored = [];
      stored.push(await seedMessage(a, conversation, 'contact', 'Oi, vocês entregam?'));
      stored.push(await seedMessage(a, conversation, 'ai', 'Sim, entregamos na cidade toda.'));
      stored.push(await seedMessage(a, conversation, 'contact', ''));
      stored.push(await seedMessage(a, conversation, 'ai', 'Recebi sua foto.'));
      stored.push(await seedMessage(a, conversation, 'contact', 'Quanto custa a entrega?'));
    });

    it('reads a cold window from the messages table (newest maxTurns, oldest first) and warms the window with them', async () => {
      const current = stored[4];
      const reads = history.reads;

      const loaded = await memory.load({ tenantId: a.tenantId, conversationId: conversation, current, ...OPTS });

      expect(loaded.source).toBe('l2');
      expect(loaded.turns).toEqual(stored.slice(1));
      expect(loaded.turns[1].body).toBe('[media]');
      expect(history.reads).toBe(reads + 1);
      expect(await window.read(a.tenantId, conversation)).toEqual(stored.slice(1));
      const ttl = await queue.client.ttl(keyOf(a.tenantId, conversation));
      expect(ttl).toBeGreaterThan(1700);
      expect(ttl).toBeLessThanOrEqual(1800);
    });

    it('answers from the warm window without reading the messages table', async () => {
      const arrived = await seedMessage(a, conversation, 'contact', 'E para o centro?');
      const reads = history.reads;

      const loaded = await memory.load({ tenantId: a.tenantId, conversationId: conversation, current: arrived, ...OPTS });

      expect(loaded.source).toBe('l1');
      expect(history.reads).toBe(reads);
      expect(ids(loaded.turns)).toEqual(ids([...stored.slice(2), arrived]));
      await memory.record({ tenantId: a.tenantId, conversationId: conversation, turns: [arrived], ...OPTS });
      stored.push(arrived);
    });

    it('reads the messages table again once the window expired, and warms it again', async () => {
      const reply = await seedMessage(a, conversation, 'ai', 'Para o centro a entrega é grátis.');
      const next = await seedMessage(a, conversation, 'contact', 'Ótimo, quero pedir');
      await queue.client.pexpire(keyOf(a.tenantId, conversation), 1);
      while ((await queue.client.exists(keyOf(a.tenantId, conversation))) === 1) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await window.read(a.tenantId, conversation)).toBeNull();
      const reads = history.reads;

      const loaded = await memory.load({ tenantId: a.tenantId, conversationId: conversation, current: next, ...OPTS });

      expect(loaded.source).toBe('l2');
      expect(history.reads).toBe(reads + 1);
      expect(ids(loaded.turns)).toEqual(ids([stored[4], stored[5], reply, next]));
      expect(await window.read(a.tenantId, conversation)).toEqual(loaded.turns);
      expect((await memory.load({ tenantId: a.tenantId, conversationId: conversation, current: next, ...OPTS })).source).toBe('l1');
    });

    it('keeps only the newest maxTurns when recording, one turn per message, and restarts the time to live', async () => {
      const key = keyOf(a.tenantId, conversation);
      await queue.client.pexpire(key, 5000);
      const before = (await window.read(a.tenantId, conversation)) ?? [];
      const reply = { messageId: 'reply-after-run', author: 'ai' as const, body: 'Anotado!', at: new Date(Date.UTC(2026, 10, 23, 12)).toISOString() };

      await memory.record({ tenantId: a.tenantId, conversationId: conversation, turns: [before[before.length - 1], reply], ...OPTS });

      const after = (await window.read(a.tenantId, conversation)) ?? [];
      expect(ids(after)).toEqual([...ids(before).slice(1), 'reply-after-run']);
      expect(await queue.client.pttl(key)).toBeGreaterThan(5000);
    });

    it('loses no turn when many appends to one window run at once', async () => {
      const turns = Array.from({ length: 20 }, (_, i) => ({ messageId: `parallel-${i}`, author: 'contact' as const, body: `message ${i}`, at: new Date(Date.UTC(2026, 10, 24, 10, i)).toISOString() }));

      await Promise.all(turns.map((turn) => window.append(a.tenantId, 'parallel-conversation', [turn], { maxTurns: 50, ttlSeconds: 60 })));

      expect(ids((await window.read(a.tenantId, 'parallel-conversation')) ?? [])).toEqual(ids(turns));
    });

    it('tells a missing window (null) from an empty one ([]), and forgets one', async () => {
      expect(await window.read(a.tenantId, 'never-written')).toBeNull();
      await window.append(a.tenantId, 'empty-window', [], { maxTurns: 5, ttlSeconds: 60 });
      expect(await window.read(a.tenantId, 'empty-window')).toEqual([]);
      await memory.forget(a.tenantId, 'empty-window');
      expect(await window.read(a.tenantId, 'empty-window')).toBeNull();
    });

    it("keeps each tenant's windows and messages apart", async () => {
      expect(await window.read(b.tenantId, conversation)).toBeNull();
      expect(await history.recent(b.tenantId, conversation, 10)).toEqual([]);
    });
  });

  describe('L2 history of a conversation people worked on', () => {
    /** An internal note, one minute after the previous message or note. */
    async function seedNote(seed: Seeded, conversationId: string, kind: 'note' | 'release', body: string): Promise<string> {
      minute += 1;
      const at = new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();
      const [row] = await queryDb<{ id: string }>(
        db.url,
        `INSERT INTO conversation_notes (tenant_id, conversation_id, kind, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [seed.tenantId, conversationId, kind, body, at],
      );
      return row.id;
    }

    it("reads agents' replies and the release notes, as system turns, in order; never the team's other notes", async () => {
      const conversation = await seedConversation(a, await seedContact(a.tenantId, '+5511900000003'));
      const asked = await seedMessage(a, conversation, 'contact', 'Quero falar com alguém');
      const replied = await seedMessage(a, conversation, 'agent', 'Oi, aqui é a Ana. Cancelei seu horário.');
      await seedNote(a, conversation, 'note', 'Só para a equipe: cliente difícil');
      const released = await seedNote(a, conversation, 'release', 'Horário cancelado; oferecer remarcação.');
      const next = await seedMessage(a, conversation, 'contact', 'E para remarcar?');

      const turns = await history.recent(a.tenantId, conversation, 10);

      expect(turns.map((t) => [t.author, t.body])).toEqual([
        ['contact', asked.body],
        ['agent', replied.body],
        ['system', '[note from the team] Horário cancelado; oferecer remarcação.'],
        ['contact', next.body],
      ]);
      expect(turns[2].messageId).toBe(`note:${released}`);
      expect(ids(await history.recent(a.tenantId, conversation, 2))).toEqual([`note:${released}`, next.messageId]);
      expect(await history.recent(b.tenantId, conversation, 10)).toEqual([]);
    });
  });

  describe('L3 contact memories', () => {
    const ALLERGY = 'A filha da cliente é alérgica a nozes';
    const QUESTION = 'Vocês têm bolo sem nozes? Minha filha tem alergia';
    let allergyId: string;

    beforeAll(async () => {
      const fact = (contactId: string, content: string, conversationId: string | null = null, tenantId = a.tenantId) =>
        memories.remember({ tenantId, contactId, conversationId, kind: 'fact', content });
      allergyId = (await fact(a.contactId, ALLERGY, conversationOne)).id;
      await fact(a.contactId, 'Prefere receber as entregas à tarde', conversationOne);
      await fact(a.contactId, 'Mora no bairro Jardim Paulista');
      // The very same words, about other people: never recalled for this contact.
      await fact(otherContactOfA, `${ALLERGY} e amendoim`);
      await fact(b.contactId, ALLERGY, null, b.tenantId);
    });

    it('recalls a fact from conversation one first when a related question comes in conversation two', async () => {
      const recalled = await memories.recall(a.tenantId, a.contactId, QUESTION, { limit: 3, minScore: 0 });

      expect(recalled[0]).toMatchObject({ id: allergyId, kind: 'fact', content: ALLERGY, conversationId: conversationOne });
      expect(recalled[0].score).toBeGreaterThan(recalled[1].score);
      expect(recalled[0].score).toBeLessThanOrEqual(1);
      expect(recalled.map((m) => m.score)).toEqual([...recalled.map((m) => m.score)].sort((x, y) => y - x));
    });

    it("never recalls another contact's memory, nor another tenant's", async () => {
      const recalled = await memories.recall(a.tenantId, a.contactId, QUESTION, { limit: 10, minScore: 0 });
      expect(recalled).toHaveLength(3);
      expect(recalled.every((m) => !m.content.includes('amendoim'))).toBe(true);

      expect(await memories.recall(b.tenantId, a.contactId, QUESTION, { limit: 10, minScore: 0 })).toEqual([]);
      const ofB = await memories.recall(b.tenantId, b.contactId, QUESTION, { limit: 10, minScore: 0 });
      expect(ofB.map((m) => m.content)).toEqual([ALLERGY]);
      expect(ofB[0].id).not.toBe(allergyId);
    });

    it('drops memories below minScore', async () => {
      const strict = await memories.recall(a.tenantId, a.contactId, QUESTION, { limit: 10, minScore: 0.3 });
      expect(strict.map((m) => m.id)).toEqual([allergyId]);
    });

    it('recalls only memories embedded with the current model', async () => {
      const [row] = await queryDb<{ embedding: string }>(db.url, `SELECT embedding::text AS embedding FROM contact_memories WHERE id = $1`, [allergyId]);
      await queryDb(
        db.url,
        `INSERT INTO contact_memories (tenant_id, contact_id, kind, content, embedding_model, embedding_dimensions, embedding)
         VALUES ($1, $2, 'fact', 'Embedded by an older model', 'older-model', 1536, $3::vector)`,
        [a.tenantId, a.contactId, row.embedding],
      );
      const recalled = await memories.recall(a.tenantId, a.contactId, ALLERGY, { limit: 10, minScore: 0 });
      expect(recalled.map((m) => m.content)).not.toContain('Embedded by an older model');
      expect(recalled[0].id).toBe(allergyId);
    });

    it('skips a fact the contact already has, whatever its case and spacing', async () => {
      const again = await memories.remember({ tenantId: a.tenantId, contactId: a.contactId, conversationId: conversationTwo, kind: 'fact', content: `  ${ALLERGY.toUpperCase()}   ` });
      expect(again).toEqual({ id: allergyId, created: false });
      const [{ n }] = await queryDb<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM contact_memories WHERE contact_id = $1 AND lower(content) = lower($2)`, [a.contactId, ALLERGY]);
      expect(n).toBe(1);
    });

    it('refuses to attach a memory to another tenant’s contact', async () => {
      await expect(memories.remember({ tenantId: b.tenantId, contactId: a.contactId, conversationId: null, kind: 'fact', content: 'x' })).rejects.toMatchObject({ code: 'IDENTITY.CONTACT_NOT_FOUND' });
    });

    it('searches through the HNSW index of its dimension', async () => {
      const [embedding] = await new LocalEmbeddingProvider(1536).embed([QUESTION]);
      const plan = await dataSource.transaction(async (em) => {
        await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        // On a handful of rows the planner prefers a sequential scan; with it off, the index must still serve the query.
        await em.query('SET LOCAL enable_seqscan = off');
        await em.query('SET LOCAL hnsw.iterative_scan = relaxed_order');
        const rows: Record<string, string>[] = await em.query(`EXPLAIN ${nearestMemoriesSql(1536)}`, [a.tenantId, a.contactId, pgvector.toSql(embedding), 'local-hashed-v1', 5]);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('Index Scan using contact_memories_embedding_1536_hnsw');
    });
  });

  describe('SummarizeConversation', () => {
    it('stores one summary of a finished conversation, in the customer’s words, and a second run adds none', async () => {
      await seedMessage(a, conversationOne, 'contact', 'Bom dia!');
      await seedMessage(a, conversationOne, 'contact', 'Quero encomendar um bolo de chocolate para sábado');
      await seedMessage(a, conversationOne, 'ai', 'Claro! Para quantas pessoas?');
      await seedMessage(a, conversationOne, 'contact', 'Vinte pessoas');

      await expect(summarize.execute(a.tenantId, conversationOne)).resolves.toEqual({ created: true });
      await expect(summarize.execute(a.tenantId, conversationOne)).resolves.toEqual({ created: false });

      const summaries = await queryDb<{ content: string; contact_id: string }>(db.url, `SELECT content, contact_id FROM contact_memories WHERE conversation_id = $1 AND kind = 'summary'`, [
        conversationOne,
      ]);
      expect(summaries).toEqual([
        { contact_id: a.contactId, content: 'Conversation on 2026-11-23: customer said: "Quero encomendar um bolo de chocolate para sábado"; "Vinte pessoas"' },
      ]);
    });

    it("refuses another tenant's conversation", async () => {
      await expect(summarize.execute(b.tenantId, conversationOne)).rejects.toMatchObject({ code: 'CONVERSATION.NOT_FOUND' });
    });
  });
});
