import { CanActivate, ExecutionContext, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { AuthenticateStatusCallback } from '../application/authenticate-status-callback.use-case';
import { SignedTwilioRequest, toWebhookParams } from './twilio-signature.guard';

/** Like the inbound webhook's guard, for status callbacks: 403 for a missing or forged signature, 404 for an unknown sender. */
@Injectable()
export class TwilioStatusSignatureGuard implements CanActivate {
  constructor(
    private readonly authenticate: AuthenticateStatusCallback,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedTwilioRequest>();
    const header = request.headers['x-twilio-signature'];
    const result = await this.authenticate.execute({
      signature: typeof header === 'string' ? header : undefined,
      publicUrl: this.config.PUBLIC_BASE_URL.replace(/\/$/, '') + request.url,
      params: toWebhookParams(request.body),
    });
    if (result.ok) {
      request.whatsappNumber = result.number;
      return true;
    }
    if (result.reason === 'unknown_number') throw new NotFoundException('The message was not sent from a registered WhatsApp number');
    throw new ForbiddenException('Invalid Twilio signature');
  }
}
