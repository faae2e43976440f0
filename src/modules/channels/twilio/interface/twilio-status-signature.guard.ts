import { Injectable } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { AuthenticateStatusCallback } from '../application/authenticate-status-callback.use-case';
import type { StatusCallbackAuthentication } from '../application/authenticate-status-callback.use-case';
import { SignedTwilioWebhookGuard, SignedWebhookInput } from './twilio-signature.guard';

/** The status callback's guard: the number is the message's sender. */
@Injectable()
export class TwilioStatusSignatureGuard extends SignedTwilioWebhookGuard {
  protected readonly unknownNumberMessage = 'The message was not sent from a registered WhatsApp number';

  constructor(
    private readonly statusCallback: AuthenticateStatusCallback,
    config: AppConfig,
  ) {
    super(config);
  }

  protected authenticate(input: SignedWebhookInput): Promise<StatusCallbackAuthentication> {
    return this.statusCallback.execute(input);
  }
}
