import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@core/config/app-config';
import { SecretBox } from '@core/crypto/secret-box';
import { DomainError } from '@core/errors/domain-error';
import { whatsappAddress } from '../domain/whatsapp-address';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { SandboxMessage, SandboxOutbox } from './ports/sandbox-outbox.port';
import { TwilioSignatureValidator } from './ports/twilio-signature.validator.port';
import { WebhookPoster } from './ports/webhook-poster.port';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

export class SandboxNumberNotFoundError extends DomainError {
  readonly code = 'SANDBOX.NUMBER_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('No sandbox number is registered with this phone number');
  }
}

/** Finds a sandbox number, never a real one: the sandbox must not speak for a real Twilio account. */
@Injectable()
export class SandboxNumbers {
  constructor(private readonly numbers: WhatsappNumberRepository) {}

  async byPhone(phone: string): Promise<WhatsappNumber> {
    const number = await this.numbers.findByPhone(phone);
    if (!number?.isSandbox) throw new SandboxNumberNotFoundError();
    return number;
  }
}

/** Plays a WhatsApp user: builds Twilio's inbound form, signs it, posts it to our own webhook. */
@Injectable()
export class SimulateInboundMessage {
  constructor(
    private readonly sandboxNumbers: SandboxNumbers,
    private readonly secrets: SecretBox,
    private readonly signer: TwilioSignatureValidator,
    private readonly poster: WebhookPoster,
    private readonly config: AppConfig,
  ) {}

  async execute(input: { to: string; from: string; body: string; profileName?: string; localBaseUrl: string }) {
    const number = await this.sandboxNumbers.byPhone(input.to);
    const messageSid = `SM${randomBytes(16).toString('hex')}`;
    const params: Record<string, string> = {
      MessageSid: messageSid,
      SmsMessageSid: messageSid,
      AccountSid: number.twilioAccountSid,
      From: whatsappAddress(input.from),
      To: whatsappAddress(number.phoneNumber),
      Body: input.body,
      NumMedia: '0',
      NumSegments: '1',
      WaId: input.from.replace(/^\+/, ''),
      ApiVersion: '2010-04-01',
      ...(input.profileName ? { ProfileName: input.profileName } : {}),
    };
    const path = '/webhooks/twilio/inbound';
    const signature = this.signer.sign(this.secrets.open(number.sealedAuthToken), this.config.PUBLIC_BASE_URL.replace(/\/$/, '') + path, params);
    const response = await this.poster.post(input.localBaseUrl + path, signature, params);
    return { messageSid, webhookStatus: response.status };
  }
}

/** The sandbox's side of Twilio's Messages API: authenticate like Twilio, keep the message. */
@Injectable()
export class AcceptSandboxSend {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly secrets: SecretBox,
    private readonly outbox: SandboxOutbox,
  ) {}

  async execute(input: SandboxCredentials & { from: string; to: string; body: string }): Promise<SandboxMessage | null> {
    const number = await this.authenticated(input);
    if (!number) return null;
    return this.outbox.keep({ tenantId: number.tenantId, accountSid: input.accountSid, fromAddress: input.from, toAddress: input.to, body: input.body });
  }

  /**
   * The sandbox's side of Twilio's message list, newest first: a send whose answer never came
   * back is looked up here before it is sent again. Null when the credentials are wrong.
   */
  async list(input: SandboxCredentials & { from: string | null; to: string | null; limit: number }): Promise<SandboxMessage[] | null> {
    const number = await this.authenticated(input);
    if (!number) return null;
    const kept = await this.outbox.list({ tenantId: number.tenantId, accountSid: input.accountSid, toAddress: input.to ?? undefined, limit: input.limit });
    return kept.filter((m) => !input.from || m.fromAddress === input.from).reverse();
  }

  private async authenticated(input: SandboxCredentials): Promise<WhatsappNumber | null> {
    if (input.basicUser !== input.accountSid) return null;
    const number = await this.numbers.findSandboxByAccountSid(input.accountSid);
    return number && this.secrets.open(number.sealedAuthToken) === input.basicPassword ? number : null;
  }
}

interface SandboxCredentials {
  accountSid: string;
  basicUser: string;
  basicPassword: string;
}

/** What the sandbox number "sent" (the replies a WhatsApp user would have received). */
@Injectable()
export class ReadSandboxReplies {
  constructor(
    private readonly sandboxNumbers: SandboxNumbers,
    private readonly outbox: SandboxOutbox,
  ) {}

  async execute(input: { number: string; contact?: string; since?: Date; limit: number }): Promise<SandboxMessage[]> {
    const number = await this.sandboxNumbers.byPhone(input.number);
    return this.outbox.list({
      tenantId: number.tenantId,
      accountSid: number.twilioAccountSid,
      toAddress: input.contact ? whatsappAddress(input.contact) : undefined,
      since: input.since,
      limit: input.limit,
    });
  }

  /** Waits (bounded) for the first replies sent to this contact since a moment, for a one-call demo. */
  async awaitReplies(input: { number: string; contact: string; since: Date; timeoutMs: number }): Promise<SandboxMessage[]> {
    const deadline = Date.now() + input.timeoutMs;
    for (;;) {
      const replies = await this.execute({ ...input, limit: 20 });
      if (replies.length > 0 || Date.now() >= deadline) return replies;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
