import { strict } from '@test/support/strict-fake';
import { ContactNotFoundError } from '@modules/identity/domain/contact.errors';
import { EmptyMemoryError, MemoryNotFoundError, RecalledMemory } from '../../domain/memory/memory';
import type { EmbeddingProvider } from '../knowledge-base/ports/embedding-provider.port';
import type { ContactMemoryRepository, NewContactMemory } from '../ports/contact-memory.repository.port';
import { ContactMemories } from './contact-memories';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CONTACT = '33333333-3333-4333-8333-333333333333';

const recalled = (id: string, score: number): RecalledMemory => ({ id, kind: 'fact', content: id, conversationId: null, createdAt: new Date(0), score });

function setup(options: { contactExists?: boolean; hits?: RecalledMemory[]; deleted?: boolean } = {}) {
  const embedded: string[][] = [];
  const inserted: NewContactMemory[] = [];
  const searches: unknown[] = [];
  const embeddings = strict<EmbeddingProvider>('embeddings', {
    embed: async (texts: string[]) => {
      embedded.push(texts);
      return texts.map(() => [0.6, 0.8]);
    },
  });
  // model is a property, which strict() does not model: answer it, delegate the rest.
  const provider = new Proxy(embeddings as object, { get: (target, property) => (property === 'model' ? 'fake-model' : Reflect.get(target, property)) }) as EmbeddingProvider;
  const repository = strict<ContactMemoryRepository>('repository', {
    contactExists: async () => options.contactExists ?? true,
    insert: async (memory: NewContactMemory) => {
      inserted.push(memory);
      return { id: 'memory-1', created: true };
    },
    search: async (...args: unknown[]) => {
      searches.push(args);
      return options.hits ?? [];
    },
    list: async () => ({ items: [], total: 0 }),
    delete: async () => options.deleted ?? true,
  });
  return { memories: new ContactMemories(repository, provider), embedded, inserted, searches };
}

describe('ContactMemories', () => {
  it('stores a fact trimmed, with its embedding, model and the normalised text duplicates compare', async () => {
    const { memories, embedded, inserted } = setup();

    const result = await memories.remember({ tenantId: TENANT, contactId: CONTACT, conversationId: null, kind: 'fact', content: '  Daughter is allergic   to NUTS \n' });

    expect(result).toEqual({ id: 'memory-1', created: true });
    expect(embedded).toEqual([['Daughter is allergic to NUTS']]);
    expect(inserted).toEqual([
      {
        tenantId: TENANT,
        contactId: CONTACT,
        conversationId: null,
        kind: 'fact',
        content: 'Daughter is allergic to NUTS',
        normalisedContent: 'daughter is allergic to nuts',
        embeddingModel: 'fake-model',
        embedding: [0.6, 0.8],
      },
    ]);
  });

  it('caps the content at 2000 characters', async () => {
    const { memories, inserted } = setup();
    await memories.remember({ tenantId: TENANT, contactId: CONTACT, conversationId: null, kind: 'fact', content: 'a'.repeat(3000) });
    expect(inserted[0].content).toHaveLength(2000);
  });

  it('refuses an empty memory, and one about a contact the tenant does not have, without embedding', async () => {
    const empty = setup();
    await expect(empty.memories.remember({ tenantId: TENANT, contactId: CONTACT, conversationId: null, kind: 'fact', content: ' \n ' })).rejects.toBeInstanceOf(EmptyMemoryError);
    const stranger = setup({ contactExists: false });
    await expect(stranger.memories.remember({ tenantId: TENANT, contactId: CONTACT, conversationId: null, kind: 'fact', content: 'x' })).rejects.toBeInstanceOf(ContactNotFoundError);
    expect([...empty.embedded, ...stranger.embedded]).toEqual([]);
  });

  it('recalls with the current model, best first, dropping memories below minScore', async () => {
    const { memories, searches } = setup({ hits: [recalled('close', 0.9), recalled('related', 0.5), recalled('far', 0.2)] });

    const found = await memories.recall(TENANT, CONTACT, 'any allergies?', { limit: 3, minScore: 0.4 });

    expect(found.map((m) => m.id)).toEqual(['close', 'related']);
    expect(searches).toEqual([[TENANT, CONTACT, { embedding: [0.6, 0.8], model: 'fake-model', limit: 3 }]]);
  });

  it('recalls nothing for a blank question, without embedding it', async () => {
    const { memories, embedded } = setup();
    expect(await memories.recall(TENANT, CONTACT, '   ', { limit: 3, minScore: 0 })).toEqual([]);
    expect(embedded).toEqual([]);
  });

  it("lists only an existing contact's memories", async () => {
    await expect(setup().memories.list(TENANT, CONTACT, 20, 0)).resolves.toEqual({ items: [], total: 0 });
    await expect(setup({ contactExists: false }).memories.list(TENANT, CONTACT, 20, 0)).rejects.toBeInstanceOf(ContactNotFoundError);
  });

  it('deletes a memory, or says it does not exist', async () => {
    await expect(setup().memories.delete(TENANT, CONTACT, 'memory-1')).resolves.toBeUndefined();
    await expect(setup({ deleted: false }).memories.delete(TENANT, CONTACT, 'memory-1')).rejects.toBeInstanceOf(MemoryNotFoundError);
  });
});
