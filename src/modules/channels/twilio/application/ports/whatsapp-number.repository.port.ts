import type { Page } from '@core/http/pagination.dto';
import type { WhatsappNumber } from '../../domain/whatsapp-number';

export interface NewWhatsappNumber {
  tenantId: string;
  phoneNumber: string;
  twilioAccountSid: string;
  sealedAuthToken: string;
  isSandbox: boolean;
}

export interface CredentialChange {
  twilioAccountSid?: string;
  sealedAuthToken?: string;
}

/** How a number sends; undefined leaves a setting as it is, a null Messaging Service removes it. */
export interface SendingChange {
  messagingServiceSid?: string | null;
  sendRatePerSecond?: number;
}

export type NumberDeletion = 'deleted' | 'not_found' | 'in_use';

export abstract class WhatsappNumberRepository {
  /** Throws NumberTakenError when any tenant already holds the number. */
  abstract create(number: NewWhatsappNumber): Promise<WhatsappNumber>;
  /** Platform-wide lookup: only the webhook may use it, to learn the tenant from `To`. */
  abstract findByPhone(phoneNumber: string): Promise<WhatsappNumber | null>;
  abstract findById(tenantId: string, id: string): Promise<WhatsappNumber | null>;
  /** Oldest first. */
  abstract listForTenant(tenantId: string, page: { limit: number; offset: number }): Promise<Page<WhatsappNumber>>;
  abstract findSandboxByAccountSid(accountSid: string): Promise<WhatsappNumber | null>;
  /** Null when the tenant has no such number. */
  abstract updateCredentials(tenantId: string, id: string, change: CredentialChange): Promise<WhatsappNumber | null>;
  /** Null when the tenant has no such number. */
  abstract updateSending(tenantId: string, id: string, change: SendingChange): Promise<WhatsappNumber | null>;
  /** Disabling keeps the first disabledAt; null when the tenant has no such number. */
  abstract setDisabled(tenantId: string, id: string, disabled: boolean): Promise<WhatsappNumber | null>;
  /**
   * Deletes the number unless `inUse` says it has history. The number stays locked while `inUse`
   * runs (in the same tenant transaction), so nothing can be recorded on it in between.
   */
  abstract deleteUnlessInUse(tenantId: string, id: string, inUse: () => Promise<boolean>): Promise<NumberDeletion>;
}
