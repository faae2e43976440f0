export interface WhatsappNumber {
  id: string;
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid: string;
  /** Sealed with the platform key; open it only to sign or call Twilio. */
  sealedAuthToken: string;
  isSandbox: boolean;
  /** A Twilio Messaging Service (MG…) to send through instead of the number itself. */
  messagingServiceSid: string | null;
  /** At most this many messages a second leave from the number, across all workers. */
  sendRatePerSecond: number;
  /** A disabled number's inbound messages are stored but not answered, and it sends nothing. */
  disabledAt: Date | null;
  createdAt: Date;
}

export type WhatsappNumberStatus = 'active' | 'disabled';

export function numberStatus(number: Pick<WhatsappNumber, 'disabledAt'>): WhatsappNumberStatus {
  return number.disabledAt ? 'disabled' : 'active';
}
