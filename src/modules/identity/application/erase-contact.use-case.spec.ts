import type { Contact, ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { EraseContact } from './erase-contact.use-case';
import { PersonalDataRegistry, PersonalDataSource } from './personal-data';
import type { ContactErasureLog, NewContactErasure } from './ports/contact-erasure.log.port';
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
  displayName: null,
  notes: null,
  tags: [],
  throttledUntil: null,
  throttledCount: 0,
  optedOutAt: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
};

/** Records every call, in order, with whether it ran inside the transaction. */
function build(options: { contact?: ContactProfile | null; failingSection?: string } = {}) {
  const calls: string[] = [];
  let inTransaction = false;
  const mark = (call: string) => calls.push(inTransaction ? call : `OUTSIDE TRANSACTION: ${call}`);

  class RecordingSource extends PersonalDataSource {
    constructor(
      readonly section: string,
      private readonly count: number,
      override readonly references: readonly string[] = [],
    ) {
      super();
    }
    async export(): Promise<unknown> {
      throw new Error(`unexpected call: ${this.section}.export`);
    }
    async erase(tenantId: string, contact: Contact): Promise<number> {
      mark(`${this.section}.erase ${tenantId} ${contact.id}`);
      if (this.section === options.failingSection) throw new Error(`${this.section} failed`);
      return this.count;
    }
  }

  const registry = new PersonalDataRegistry();
  registry.register(new RecordingSource('conversations', 1));
  registry.register(new RecordingSource('messages', 4, ['conversations']));
  registry.register(new RecordingSource('aiResults', 2, ['conversations', 'messages']));
  registry.register(new RecordingSource('sandboxMessages', 3));

  const contact = options.contact === undefined ? CONTACT : options.contact;
  const contacts = strict<ContactRepository>('ContactRepository', {
    lock: async (tenantId: string, id: string) => {
      mark(`contacts.lock ${tenantId} ${id}`);
      return contact;
    },
    delete: async (tenantId: string, id: string) => {
      mark(`contacts.delete ${tenantId} ${id}`);
      return 1;
    },
  });
  const recorded: NewContactErasure[] = [];
  const erasures = strict<ContactErasureLog>('ContactErasureLog', {
    record: async (erasure: NewContactErasure) => {
      mark('erasures.record');
      recorded.push(erasure);
    },
  });
  const transactions: string[] = [];
  const tx = strict<TenantTransaction>('TenantTransaction', {
    run: async (tenantId: string, work: () => Promise<unknown>) => {
      transactions.push(tenantId);
      inTransaction = true;
      try {
        return await work();
      } finally {
        inTransaction = false;
      }
    },
  });
  return { useCase: new EraseContact(contacts, registry, erasures, tx), calls, recorded, transactions };
}

describe('EraseContact', () => {
  it('erases every section, dependents first, then the contact row, then records the erasure, all in one tenant transaction', async () => {
    const { useCase, calls, transactions } = build();

    await useCase.execute({ tenantId: TENANT, contactId: CONTACT.id, erasedBy: 'admin-1' });

    expect(transactions).toEqual([TENANT]);
    expect(calls[0]).toBe(`contacts.lock ${TENANT} ${CONTACT.id}`);
    expect(calls.slice(-2)).toEqual([`contacts.delete ${TENANT} ${CONTACT.id}`, 'erasures.record']);
    const erased = calls.filter((c) => c.includes('.erase ')).map((c) => c.split('.')[0]);
    expect(erased).toHaveLength(4);
    expect(erased.indexOf('aiResults')).toBeLessThan(erased.indexOf('messages'));
    expect(erased.indexOf('messages')).toBeLessThan(erased.indexOf('conversations'));
    expect(calls.filter((c) => c.startsWith('OUTSIDE'))).toEqual([]);
  });

  it('records who erased it and how much each section lost, with the phone handed to the log for hashing', async () => {
    const { useCase, recorded } = build();

    const removed = await useCase.execute({ tenantId: TENANT, contactId: CONTACT.id, erasedBy: 'admin-1' });

    const expected = { conversations: 1, messages: 4, aiResults: 2, sandboxMessages: 3, contact: 1 };
    expect(removed).toEqual(expected);
    expect(recorded).toEqual([{ tenantId: TENANT, contactId: CONTACT.id, phoneNumber: CONTACT.phoneNumber, erasedBy: 'admin-1', removed: expected }]);
  });

  it("is a 404 (IDENTITY.CONTACT_NOT_FOUND) for another tenant's or an already erased contact, touching nothing", async () => {
    const { useCase, calls, recorded } = build({ contact: null });

    await expect(useCase.execute({ tenantId: TENANT, contactId: 'contact-of-someone-else', erasedBy: 'admin-1' })).rejects.toThrow(ContactNotFoundError);

    expect(calls).toEqual([`contacts.lock ${TENANT} contact-of-someone-else`]);
    expect(recorded).toEqual([]);
  });

  it('stops at a failing section without deleting the contact or recording an erasure (the transaction rolls back)', async () => {
    const { useCase, calls, recorded } = build({ failingSection: 'messages' });

    await expect(useCase.execute({ tenantId: TENANT, contactId: CONTACT.id, erasedBy: 'admin-1' })).rejects.toThrow('messages failed');

    expect(calls.some((c) => c.startsWith('contacts.delete'))).toBe(false);
    expect(recorded).toEqual([]);
  });
});
