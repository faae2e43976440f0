import { CanActivate, ExecutionContext, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@core/config/app-config';
import { AuthenticateTwilioWebhook } from '../application/authenticate-webhook.use-case';
import type { WebhookParams } from '../application/ports/twilio-signature.validator.port';
import type { WhatsappNumber } from '../domain/whatsapp-number';

export type SignedTwilioRequest = FastifyRequest & { whatsappNumber: WhatsappNumber };

/** 403 for a missing or forged X-Twilio-Signature, 404 for a number nobody registered. */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(
    private readonly authenticate: AuthenticateTwilioWebhook,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedTwilioRequest>();
    const header = request.headers['x-twilio-signature'];
    const result = await this.authenticate.execute({
      signature: typeof header === 'string' ? header : undefined,
      publicUrl: this.config.PUBLIC_BASE_URL.replace(/\/$/, '') + request.url,
      params: toParams(request.body),
    });
    if (result.ok) {
      request.whatsappNumber = result.number;
      return true;
    }
    if (result.reason === 'unknown_number') throw new NotFoundException('No WhatsApp number is registered for To');
    throw new ForbiddenException('Invalid Twilio signature');
  }
}

function toParams(body: unknown): WebhookParams {
  if (!body || typeof body !== 'object') return {};
  const params: WebhookParams = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
  }
  return params;
}

export { toParams as toWebhookParams };
