import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { normaliseTag } from '../domain/contact-tags';
import { ContactErasure, ContactErasureLog } from './ports/contact-erasure.log.port';
import { ContactRepository } from './ports/contact.repository.port';

/** Read side for staff: always scoped to the caller's tenant; another tenant's id is a 404. */
@Injectable()
export class ContactQueries {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly erasures: ContactErasureLog,
  ) {}

  list(tenantId: string, filter: { q?: string; tag?: string; optedOut?: boolean; limit: number; offset: number }): Promise<Page<ContactProfile>> {
    const q = filter.q?.trim() || undefined;
    const tag = filter.tag === undefined ? undefined : normaliseTag(filter.tag);
    return this.contacts.list(tenantId, { q, tag, optedOut: filter.optedOut, limit: filter.limit, offset: filter.offset });
  }

  async get(tenantId: string, contactId: string): Promise<ContactProfile> {
    const contact = await this.contacts.findById(tenantId, contactId);
    if (!contact) throw new ContactNotFoundError();
    return contact;
  }

  listErasures(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ContactErasure>> {
    return this.erasures.list(tenantId, page);
  }
}
