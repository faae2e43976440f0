import { Injectable } from '@nestjs/common';
import { ContactNotFoundError } from '../domain/contact.errors';
import { PersonalDataRegistry } from './personal-data';
import { ContactErasureLog } from './ports/contact-erasure.log.port';
import { ContactRepository } from './ports/contact.repository.port';
import { TenantTransaction } from '@core/database/tenant-transaction.port';

export interface EraseContactCommand {
  tenantId: string;
  contactId: string;
  /** The staff user who asked for it. */
  erasedBy: string;
}

/**
 * LGPD/GDPR erasure request: every source's data, then the contact row, then the record of it,
 * all in one tenant transaction. The row lock makes a concurrent second request a 404, not a
 * second record.
 */
@Injectable()
export class EraseContact {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly registry: PersonalDataRegistry,
    private readonly erasures: ContactErasureLog,
    private readonly tx: TenantTransaction,
  ) {}

  execute(command: EraseContactCommand): Promise<Record<string, number>> {
    const { tenantId, contactId } = command;
    return this.tx.run(tenantId, async () => {
      const contact = await this.contacts.lock(tenantId, contactId);
      if (!contact) throw new ContactNotFoundError();
      const removed: Record<string, number> = {};
      for (const source of this.registry.eraseOrder()) removed[source.section] = await source.erase(tenantId, contact);
      removed.contact = await this.contacts.delete(tenantId, contactId);
      await this.erasures.record({ tenantId, contactId, phoneNumber: contact.phoneNumber, erasedBy: command.erasedBy, removed });
      return removed;
    });
  }
}
