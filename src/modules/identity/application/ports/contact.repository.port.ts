import type { Contact } from '../../domain/contact';

export abstract class ContactRepository {
  /** Returns the tenant's contact for this phone, creating it once even under concurrent calls. */
  abstract upsert(tenantId: string, phoneNumber: string, details: { waId?: string; profileName?: string }): Promise<Contact>;
  abstract findById(tenantId: string, id: string): Promise<Contact | null>;
}
