import type { ContactErasure } from '../../application/ports/contact-erasure.log.port';
import type { ContactExport } from '../../application/export-contact.use-case';
import type { ContactProfile } from '../../domain/contact';
import type { ContactErasureResponseDto, ContactResponseDto } from './contact.dto';

export function toContactResponse(c: ContactProfile): ContactResponseDto {
  return {
    id: c.id,
    phoneNumber: c.phoneNumber,
    waId: c.waId,
    profileName: c.profileName,
    displayName: c.displayName,
    notes: c.notes,
    tags: c.tags,
    throttledUntil: c.throttledUntil ? c.throttledUntil.toISOString() : null,
    throttledCount: c.throttledCount,
    optedOut: c.optedOutAt !== null,
    optedOutAt: c.optedOutAt ? c.optedOutAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The export document: the contact first, then one key per personal-data section. */
export function toContactExportDocument(e: ContactExport): Record<string, unknown> {
  return { exportedAt: e.exportedAt.toISOString(), tenantId: e.tenantId, contact: toContactResponse(e.contact), ...e.sections };
}

export function toContactErasureResponse(e: ContactErasure): ContactErasureResponseDto {
  return { id: e.id, contactId: e.contactId, phoneFingerprint: e.phoneFingerprint, erasedBy: e.erasedBy, removed: e.removed, erasedAt: e.erasedAt.toISOString() };
}
