import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError, TooManyTagsError } from '../domain/contact.errors';
import { AddContactTags, RemoveContactTag } from './contact-tags.use-cases';
import type { ContactChanges, ContactRepository } from './ports/contact.repository.port';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import { strict } from '@test/support/strict-fake';

const TENANT = 'tenant-1';

function contactWith(tags: string[]): ContactProfile {
  const at = new Date('2025-01-01T00:00:00Z');
  return { id: 'contact-1', tenantId: TENANT, phoneNumber: '+5511999990000', waId: null, profileName: null, displayName: null, notes: null, tags, throttledUntil: null, throttledCount: 0, optedOutAt: null, createdAt: at, updatedAt: at };
}

function build(stored: ContactProfile | null) {
  const calls: string[] = [];
  let inTransaction = false;
  const contacts = strict<ContactRepository>('ContactRepository', {
    lock: async (tenantId: string, id: string) => {
      calls.push(`lock ${tenantId} ${id} ${inTransaction ? 'in' : 'OUTSIDE'} transaction`);
      return stored;
    },
    update: async (tenantId: string, id: string, changes: ContactChanges) => {
      calls.push(`update ${tenantId} ${id} ${JSON.stringify(changes)} ${inTransaction ? 'in' : 'OUTSIDE'} transaction`);
      return stored && { ...stored, ...changes };
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
  return { add: new AddContactTags(contacts, tx), remove: new RemoveContactTag(contacts, tx), calls };
}

describe('adding and removing contact tags', () => {
  it('adds normalised tags to those the locked row holds, in the same transaction', async () => {
    const { add, calls } = build(contactWith(['vip']));

    const updated = await add.execute(TENANT, 'contact-1', ['Novo', 'VIP']);

    expect(updated.tags).toEqual(['vip', 'novo']);
    expect(calls).toEqual([`lock ${TENANT} contact-1 in transaction`, `update ${TENANT} contact-1 {"tags":["vip","novo"]} in transaction`]);
  });

  it('refuses to go past 20 tags and writes nothing', async () => {
    const { add, calls } = build(contactWith(Array.from({ length: 20 }, (_, i) => `t${i}`)));

    await expect(add.execute(TENANT, 'contact-1', ['extra'])).rejects.toThrow(TooManyTagsError);
    expect(calls.filter((c) => c.startsWith('update'))).toEqual([]);
  });

  it('removes a tag given in another case', async () => {
    const { remove } = build(contactWith(['vip', 'novo']));
    expect((await remove.execute(TENANT, 'contact-1', 'VIP')).tags).toEqual(['novo']);
  });

  it("is a 404 for another tenant's contact", async () => {
    const { add, remove } = build(null);
    await expect(add.execute(TENANT, 'contact-9', ['vip'])).rejects.toThrow(ContactNotFoundError);
    await expect(remove.execute(TENANT, 'contact-9', 'vip')).rejects.toThrow(ContactNotFoundError);
  });
});
