export interface WhatsappNumber {
  id: string;
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid: string;
  /** Sealed with the platform key; open it only to sign or call Twilio. */
  sealedAuthToken: string;
  isSandbox: boolean;
  /** A disabled number's inbound messages are stored but not answered, and it sends nothing. */
  disabledAt: Date | null;
  createdAt: Date;
}

export type WhatsappNumberStatus = 'active' | 'disabled';

export function numberStatus(number: Pick<WhatsappNumber, 'disabledAt'>): WhatsappNumberStatus {
  return number.disabledAt ? 'disabled' : 'active';
}
