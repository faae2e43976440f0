import { Injectable } from '@nestjs/common';
import type { Contact } from '../domain/contact';
import type { Tenant } from '../domain/tenant';
import { ContactRepository } from './ports/contact.repository.port';
import { TenantRepository } from './ports/tenant.repository.port';

/** What other modules may ask identity: tenants and their contacts. */
@Injectable()
export class TenantDirectory {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly contacts: ContactRepository,
  ) {}

  findTenant(tenantId: string): Promise<Tenant | null> {
    return this.tenants.findById(tenantId);
  }

  findTenantByName(name: string): Promise<Tenant | null> {
    return this.tenants.findByName(name);
  }

  /** Finds or creates the WhatsApp user who wrote to this tenant. */
  upsertContact(tenantId: string, phoneNumber: string, details: { waId?: string; profileName?: string }): Promise<Contact> {
    return this.contacts.upsert(tenantId, phoneNumber, details);
  }

  /** The contact sent one more message over its inbound limit (stored, not answered). */
  recordThrottled(tenantId: string, contactId: string, until: Date): Promise<void> {
    return this.contacts.recordThrottled(tenantId, contactId, until);
  }

  findContact(tenantId: string, contactId: string): Promise<Contact | null> {
    return this.contacts.findById(tenantId, contactId);
  }
}
