export interface WhatsappNumber {
  id: string;
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid: string;
  /** Sealed with the platform key; open it only to sign or call Twilio. */
  sealedAuthToken: string;
  isSandbox: boolean;
  createdAt: Date;
}
