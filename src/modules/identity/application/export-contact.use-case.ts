import { Injectable } from '@nestjs/common';
import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { PersonalDataRegistry } from './personal-data';
import { ContactRepository } from './ports/contact.repository.port';
import { TenantTransaction } from '@core/database/tenant-transaction.port';

export interface ContactExport {
  exportedAt: Date;
  tenantId: string;
  contact: ContactProfile;
  /** One entry per registered personal-data source, keyed by its section. */
  sections: Record<string, unknown>;
}

/** LGPD/GDPR access request: everything stored about one contact, read in one transaction. */
@Injectable()
export class ExportContact {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly registry: PersonalDataRegistry,
    private readonly tx: TenantTransaction,
  ) {}

  execute(tenantId: string, contactId: string): Promise<ContactExport> {
    return this.tx.run(tenantId, async () => {
      const contact = await this.contacts.findById(tenantId, contactId);
      if (!contact) throw new ContactNotFoundError();
      const sections: Record<string, unknown> = {};
      for (const source of this.registry.all()) sections[source.section] = await source.export(tenantId, contact);
      return { exportedAt: new Date(), tenantId, contact, sections };
    });
  }
}
