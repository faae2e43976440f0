import { Injectable } from '@nestjs/common';
import type { ContactProfile } from '../domain/contact';
import { ContactNotFoundError } from '../domain/contact.errors';
import { normaliseTags } from '../domain/contact-tags';
import { ContactChanges, ContactRepository } from './ports/contact.repository.port';

export interface UpdateContactCommand {
  tenantId: string;
  contactId: string;
  /** Absent: unchanged; null or blank: cleared. */
  displayName?: string | null;
  notes?: string | null;
  /** Replaces the whole set. */
  tags?: string[];
}

/** Staff edit what they know about a contact; what WhatsApp tells us (phone, profile name) is not editable. */
@Injectable()
export class UpdateContact {
  constructor(private readonly contacts: ContactRepository) {}

  async execute(command: UpdateContactCommand): Promise<ContactProfile> {
    const changes: ContactChanges = {};
    if (command.displayName !== undefined) changes.displayName = blankToNull(command.displayName);
    if (command.notes !== undefined) changes.notes = blankToNull(command.notes);
    if (command.tags !== undefined) changes.tags = normaliseTags(command.tags);
    const updated = await this.contacts.update(command.tenantId, command.contactId, changes);
    if (!updated) throw new ContactNotFoundError();
    return updated;
  }
}

function blankToNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
