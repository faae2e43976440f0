/** The contact an inbound message comes from, as the channel's rules see it. */
export interface ContactStanding {
  contactId: string;
  optedOutAt: Date | null;
}

/** A contact's consent to receive messages, and when they last wrote (WhatsApp's 24-hour window). */
export abstract class ContactConsent {
  /** Finds or creates the contact writing from this phone number and records now as its last inbound time. */
  abstract inboundArrived(tenantId: string, phoneNumber: string): Promise<ContactStanding>;
  /** False when the contact had already opted out (the first time is kept). */
  abstract optOut(tenantId: string, contactId: string): Promise<boolean>;
  /** False when the contact was not opted out. */
  abstract optIn(tenantId: string, contactId: string): Promise<boolean>;
}
