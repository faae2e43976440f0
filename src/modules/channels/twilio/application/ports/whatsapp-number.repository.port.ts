import type { WhatsappNumber } from '../../domain/whatsapp-number';

export interface NewWhatsappNumber {
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid: string;
  sealedAuthToken: string;
  isSandbox: boolean;
}

export abstract class WhatsappNumberRepository {
  /** Throws NumberTakenError when any tenant already holds the number. */
  abstract create(number: NewWhatsappNumber): Promise<WhatsappNumber>;
  /** Platform-wide lookup: only the webhook may use it, to learn the tenant from `To`. */
  abstract findByPhone(phoneNumber: string): Promise<WhatsappNumber | null>;
  abstract findById(tenantId: string, id: string): Promise<WhatsappNumber | null>;
  abstract listForTenant(tenantId: string): Promise<WhatsappNumber[]>;
  abstract findSandboxByAccountSid(accountSid: string): Promise<WhatsappNumber | null>;
}
