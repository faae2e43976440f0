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
  /** Until when the contact's messages are stored but not answered (over the inbound limit); null if never throttled. */
  throttledUntil: Date | null;
  /** How many of the contact's messages were throttled, ever. */
  throttledCount: number;
  /** When the contact opted out of messages (an opt-out keyword); null while they receive messages. */
  optedOutAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
