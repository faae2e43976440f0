import type { Page } from '@core/http/pagination.dto';
import type { Contact, ContactProfile } from '../../domain/contact';

export interface ContactFilter {
  /** Part of the phone number, profile name or display name, case-insensitive. */
  q?: string;
  /** A normalised tag the contact has. */
  tag?: string;
  /** Only contacts who opted out of messages (true) or who did not (false). */
  optedOut?: boolean;
  limit: number;
  offset: number;
}

/** Only the given fields change; null clears a field. */
export interface ContactChanges {
  displayName?: string | null;
  notes?: string | null;
  tags?: string[];
}

export abstract class ContactRepository {
  /** Returns the tenant's contact for this phone, creating it once even under concurrent calls. */
  abstract upsert(tenantId: string, phoneNumber: string, details: { waId?: string; profileName?: string }): Promise<Contact>;
  abstract findById(tenantId: string, id: string): Promise<ContactProfile | null>;
  /** Reads the contact and locks its row until the surrounding transaction ends (TenantTransaction.run). */
  abstract lock(tenantId: string, id: string): Promise<ContactProfile | null>;
  abstract list(tenantId: string, filter: ContactFilter): Promise<Page<ContactProfile>>;
  /** The contact after the change, or null when the tenant has no such contact. */
  abstract update(tenantId: string, id: string, changes: ContactChanges): Promise<ContactProfile | null>;
  /** One more throttled message; the contact stays throttled until `until` (never shortened). */
  abstract recordThrottled(tenantId: string, id: string, until: Date): Promise<void>;
  /** Deletes the contact row (the database cascades to what still references it); returns 1 or 0. */
  abstract delete(tenantId: string, id: string): Promise<number>;
}
