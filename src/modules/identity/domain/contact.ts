export interface Contact {
  id: string;
  tenantId: string;
  phoneNumber: string;
  waId: string | null;
  profileName: string | null;
}

/** What staff see and edit about a contact, beyond what the message path needs. */
export interface ContactProfile extends Contact {
  displayName: string | null;
  notes: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}
