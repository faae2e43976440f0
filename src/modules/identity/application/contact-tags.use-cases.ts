import { Injectable } from '@nestjs/common';
import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { withoutTag, withTags } from '../domain/contact-tags';
import { ContactRepository } from './ports/contact.repository.port';
import { TenantTransaction } from '@core/database/tenant-transaction.port';

/**
 * Read, change and write the tag set under the contact's row lock, so that two staff members
 * tagging the same contact at once both keep their tag.
 */
@Injectable()
abstract class ChangeContactTags {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly tx: TenantTransaction,
  ) {}

  protected change(tenantId: string, contactId: string, next: (current: string[]) => string[]): Promise<ContactProfile> {
    return this.tx.run(tenantId, async () => {
      const contact = await this.contacts.lock(tenantId, contactId);
      if (!contact) throw new ContactNotFoundError();
      const updated = await this.contacts.update(tenantId, contactId, { tags: next(contact.tags) });
      if (!updated) throw new ContactNotFoundError();
      return updated;
    });
  }
}

@Injectable()
export class AddContactTags extends ChangeContactTags {
  execute(tenantId: string, contactId: string, tags: string[]): Promise<ContactProfile> {
    return this.change(tenantId, contactId, (current) => withTags(current, tags));
  }
}

/** Removing a tag the contact does not have changes nothing. */
@Injectable()
export class RemoveContactTag extends ChangeContactTags {
  execute(tenantId: string, contactId: string, tag: string): Promise<ContactProfile> {
    return this.change(tenantId, contactId, (current) => withoutTag(current, tag));
  }
}
