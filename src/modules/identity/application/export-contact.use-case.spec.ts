import type { Contact, ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { ExportContact } from './export-contact.use-case';
import { PersonalDataRegistry, PersonalDataSource } from './personal-data';
import type { ContactRepository } from './ports/contact.repository.port';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import { strict } from '@test/support/strict-fake';

const TENANT = 'tenant-1';
const CONTACT: ContactProfile = {
  id: 'contact-1',
  tenantId: TENANT,
  phoneNumber: '+5511999990000',
  waId: '5511999990000',
  profileName: 'Maria',
  displayName: 'Maria da padaria',
  notes: 'Prefere à tarde',
  tags: ['vip'],
  throttledUntil: null,
  throttledCount: 0,
  optedOutAt: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-02T00:00:00Z'),
};

class StaticSource extends PersonalDataSource {
  readonly asked: [string, string, boolean][] = [];
  constructor(
    readonly section: string,
    private readonly data: unknown,
    private readonly inTransaction: () => boolean,
  ) {
    super();
  }
  async export(tenantId: string, contact: Contact): Promise<unknown> {
    this.asked.push([tenantId, contact.id, this.inTransaction()]);
    return this.data;
  }
  async erase(): Promise<number> {
    throw new Error(`unexpected call: ${this.section}.erase`);
  }
}

function build(contact: ContactProfile | null = CONTACT) {
  let inTransaction = false;
  const registry = new PersonalDataRegistry();
  const messages = new StaticSource('messages', [{ id: 'm1', body: 'Oi' }], () => inTransaction);
  const aiResults = new StaticSource('aiResults', [{ id: 'r1', outcome: 'answered' }], () => inTransaction);
  registry.register(messages);
  registry.register(aiResults);
  const lookups: [string, string][] = [];
  const contacts = strict<ContactRepository>('ContactRepository', {
    findById: async (tenantId: string, id: string) => {
      lookups.push([tenantId, id]);
      return contact;
    },
  });
  const tx = strict<TenantTransaction>('TenantTransaction', {
    run: async (_tenantId: string, work: () => Promise<unknown>) => {
      inTransaction = true;
      try {
        return await work();
      } finally {
        inTransaction = false;
      }
    },
  });
  return { useCase: new ExportContact(contacts, registry, tx), messages, aiResults, lookups };
}

describe('ExportContact', () => {
  it('puts the contact and every registered section in one document, stamped with the tenant and the time', async () => {
    const { useCase } = build();
    const before = Date.now();

    const exported = await useCase.execute(TENANT, CONTACT.id);

    expect(exported.tenantId).toBe(TENANT);
    expect(exported.contact).toEqual(CONTACT);
    expect(exported.sections).toEqual({ messages: [{ id: 'm1', body: 'Oi' }], aiResults: [{ id: 'r1', outcome: 'answered' }] });
    expect(exported.exportedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("asks each source for the caller's tenant and this contact, inside one transaction", async () => {
    const { useCase, messages, aiResults, lookups } = build();

    await useCase.execute(TENANT, CONTACT.id);

    expect(lookups).toEqual([[TENANT, CONTACT.id]]);
    expect(messages.asked).toEqual([[TENANT, CONTACT.id, true]]);
    expect(aiResults.asked).toEqual([[TENANT, CONTACT.id, true]]);
  });

  it("is a 404 (IDENTITY.CONTACT_NOT_FOUND) for another tenant's contact and asks no source", async () => {
    const { useCase, messages, aiResults } = build(null);

    await expect(useCase.execute(TENANT, 'contact-of-someone-else')).rejects.toThrow(ContactNotFoundError);

    expect(messages.asked).toEqual([]);
    expect(aiResults.asked).toEqual([]);
  });
});
