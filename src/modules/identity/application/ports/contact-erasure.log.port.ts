import type { Page } from '@core/http/pagination.dto';

export interface ContactErasure {
  id: string;
  contactId: string;
  /** SHA-256 (hex) of the erased phone number: the number itself is never kept. */
  phoneFingerprint: string;
  erasedBy: string | null;
  /** How many records each section lost, e.g. { contact: 1, messages: 4 }. */
  removed: Record<string, number>;
  erasedAt: Date;
}

export interface NewContactErasure {
  tenantId: string;
  contactId: string;
  /** Hashed by the log before it is stored. */
  phoneNumber: string;
  erasedBy: string;
  removed: Record<string, number>;
}

/** The record of LGPD/GDPR erasures: what was erased, when and by whom, without the personal data. */
export abstract class ContactErasureLog {
  abstract record(erasure: NewContactErasure): Promise<void>;
  abstract list(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ContactErasure>>;
}
