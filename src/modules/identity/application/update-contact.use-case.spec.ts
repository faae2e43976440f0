import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError, InvalidTagError } from '../domain/contact.errors';
import type { ContactChanges, ContactRepository } from './ports/contact.repository.port';
import { UpdateContact } from './update-contact.use-case';
import { strict } from '@test/support/strict-fake';

const TENANT = 'tenant-1';
const AT = new Date('2025-01-01T00:00:00Z');
const STORED: ContactProfile = {
  id: 'contact-1',
  tenantId: TENANT,
  phoneNumber: '+5511999990000',
  waId: null,
  profileName: 'Maria',
  displayName: 'Maria',
  notes: 'antiga',
  tags: ['vip'],
  throttledUntil: null,
  throttledCount: 0,
  optedOutAt: null,
  createdAt: AT,
  updatedAt: AT,
};

function build(exists = true) {
  const updates: [string, string, ContactChanges][] = [];
  const contacts = strict<ContactRepository>('ContactRepository', {
    update: async (tenantId: string, id: string, changes: ContactChanges) => {
      updates.push([tenantId, id, changes]);
      return exists ? { ...STORED, ...changes } : null;
    },
  });
  return { useCase: new UpdateContact(contacts), updates };
}

describe('UpdateContact', () => {
  it('changes only the fields given, trimming names and clearing blank or null ones', async () => {
    const { useCase, updates } = build();

    await useCase.execute({ tenantId: TENANT, contactId: 'contact-1', displayName: '  Dona Maria ' });
    await useCase.execute({ tenantId: TENANT, contactId: 'contact-1', displayName: '   ', notes: null });

    expect(updates).toEqual([
      [TENANT, 'contact-1', { displayName: 'Dona Maria' }],
      [TENANT, 'contact-1', { displayName: null, notes: null }],
    ]);
  });

  it('replaces the tags with the normalised, de-duplicated set, and refuses an invalid one before writing', async () => {
    const { useCase, updates } = build();

    const updated = await useCase.execute({ tenantId: TENANT, contactId: 'contact-1', tags: ['Bolo', 'bolo ', 'VIP'] });
    expect(updated.tags).toEqual(['bolo', 'vip']);

    await expect(useCase.execute({ tenantId: TENANT, contactId: 'contact-1', tags: ['com espaço'] })).rejects.toThrow(InvalidTagError);
    expect(updates).toHaveLength(1);
  });

  it("is a 404 for another tenant's contact", async () => {
    const { useCase } = build(false);
    await expect(useCase.execute({ tenantId: TENANT, contactId: 'contact-9', notes: 'x' })).rejects.toThrow(ContactNotFoundError);
  });
});
