import { Injectable } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { SecretBox } from '@core/crypto/secret-box';
import { statusCallbackUrl } from '../domain/status-callback';
import { numberStatus } from '../domain/whatsapp-number';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export interface SendingAccount {
  accountSid: string;
  authToken: string;
  /** Twilio's API, or the app's built-in sandbox for sandbox numbers. */
  apiBaseUrl: string;
  /** Send through this Messaging Service instead of From, when the tenant set one. */
  messagingServiceSid: string | null;
  /** Where Twilio posts this number's delivery statuses. */
  statusCallback: string;
  /** The number's send rate (messages a second), shared by all workers. */
  sendRatePerSecond: number;
}

/** A disabled number sends nothing; a deleted one is missing. */
export type SendingNumber = { status: 'active'; account: SendingAccount } | { status: 'disabled' } | { status: 'missing' };

/** The Twilio account a tenant's number sends from, with its auth token opened for the call. */
@Injectable()
export class SendingAccountResolver {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async forNumber(tenantId: string, whatsappNumberId: string): Promise<SendingNumber> {
    const number = await this.numbers.findById(tenantId, whatsappNumberId);
    if (!number) return { status: 'missing' };
    if (numberStatus(number) === 'disabled') return { status: 'disabled' };
    return {
      status: 'active',
      account: {
        accountSid: number.twilioAccountSid,
        authToken: this.secrets.open(number.sealedAuthToken),
        apiBaseUrl: number.isSandbox ? this.config.sandboxBaseUrl : this.config.TWILIO_API_BASE_URL,
        messagingServiceSid: number.messagingServiceSid,
        statusCallback: statusCallbackUrl(this.config.PUBLIC_BASE_URL),
        sendRatePerSecond: number.sendRatePerSecond,
      },
    };
  }
}
