import { CanActivate, ExecutionContext, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@core/config/app-config';
import { InvalidMessageSidError } from '@modules/conversation/domain/conversation.errors';
import type { StatusCallbackAuthentication } from '../application/authenticate-status-callback.use-case';
import { AuthenticateTwilioWebhook } from '../application/authenticate-webhook.use-case';
import type { WebhookAuthentication } from '../application/authenticate-webhook.use-case';
import type { WebhookParams } from '../application/ports/twilio-signature.validator.port';
import type { WhatsappNumber } from '../domain/whatsapp-number';

export type SignedTwilioRequest = FastifyRequest & { whatsappNumber: WhatsappNumber };

export interface SignedWebhookInput {
  signature: string | undefined;
  publicUrl: string;
  params: WebhookParams;
}

/**
 * Every Twilio webhook (inbound messages, status callbacks): 403 for a missing or forged
 * X-Twilio-Signature, checked against PUBLIC_BASE_URL plus the path and query; 404 when no registered
 * number matches. The number found is put on the request.
 */
export abstract class SignedTwilioWebhookGuard implements CanActivate {
  protected abstract readonly unknownNumberMessage: string;

  constructor(private readonly config: AppConfig) {}

  protected abstract authenticate(input: SignedWebhookInput): Promise<WebhookAuthentication | StatusCallbackAuthentication>;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedTwilioRequest>();
    const header = request.headers['x-twilio-signature'];
    const result = await this.authenticate({
      signature: typeof header === 'string' ? header : undefined,
      publicUrl: publicWebhookUrl(this.config.PUBLIC_BASE_URL, request.url),
      params: toWebhookParams(request.body),
    });
    if (result.ok) {
      request.whatsappNumber = result.number;
      return true;
    }
    if (result.reason === 'unknown_number') throw new NotFoundException(this.unknownNumberMessage);
    if (result.reason === 'malformed_sid') throw new InvalidMessageSidError();
    throw new ForbiddenException('Invalid Twilio signature');
  }
}

/**
 * The URL Twilio signed: PUBLIC_BASE_URL plus the path and query of the request target. A target in
 * absolute form (`POST http://host/path`, as a proxy may send it) contributes its path and query only.
 */
export function publicWebhookUrl(publicBaseUrl: string, requestTarget: string): string {
  const pathAndQuery = requestTarget.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return publicBaseUrl.replace(/\/$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

/** The inbound webhook's guard: the number is the one written to (`To`). */
@Injectable()
export class TwilioSignatureGuard extends SignedTwilioWebhookGuard {
  protected readonly unknownNumberMessage = 'No WhatsApp number is registered for To';

  constructor(
    private readonly webhook: AuthenticateTwilioWebhook,
    config: AppConfig,
  ) {
    super(config);
  }

  protected authenticate(input: SignedWebhookInput): Promise<WebhookAuthentication> {
    return this.webhook.execute(input);
  }
}

export function toWebhookParams(body: unknown): WebhookParams {
  if (!body || typeof body !== 'object') return {};
  const fields = Object.entries(body as Record<string, unknown>).flatMap(([key, value]): [string, string | string[]][] => {
    if (typeof value === 'string') return [[key, value]];
    return Array.isArray(value) ? [[key, value.map(String)]] : [];
  });
  // fromEntries defines own properties: a field named "__proto__" is a field (covered by the signature), not a prototype.
  return Object.fromEntries(fields);
}
