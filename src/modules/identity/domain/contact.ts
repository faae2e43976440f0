import { fitToColumn } from '@core/text/storable-text';

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

/** The sizes of the contacts columns the message path fills from Twilio's form (phone_number, wa_id, profile_name). */
export const CONTACT_COLUMNS = { phoneNumber: 20, waId: 32, profileName: 200 } as const;

/**
 * A contact as the message path writes it: what does not fit its column is cut, so that an
 * over-long profile name (or a From that is no phone number) never costs a customer their answer.
 */
export function fitContactFields(phoneNumber: string, details: { waId?: string; profileName?: string } = {}): { phoneNumber: string; waId: string | null; profileName: string | null } {
  return {
    phoneNumber: fitToColumn(phoneNumber, CONTACT_COLUMNS.phoneNumber),
    waId: details.waId ? fitToColumn(details.waId, CONTACT_COLUMNS.waId) : null,
    profileName: details.profileName ? fitToColumn(details.profileName, CONTACT_COLUMNS.profileName) : null,
  };
}
