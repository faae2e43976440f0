import type { Provider } from '@nestjs/common';
import { AuthenticateStatusCallback } from '../application/authenticate-status-callback.use-case';
import { TwilioMessaging } from '../application/ports/twilio-messaging.port';
import { ReceiveStatusCallback } from '../application/receive-status-callback.use-case';
import { TwilioStatusSignatureGuard } from '../interface/twilio-status-signature.guard';
import { PacedTwilioMessaging } from './paced-twilio.messaging';
import { RedisSendPacer } from './redis-send-pacer';
import { TwilioSdkMessaging } from './twilio-sdk.messaging';

/** Sending at each number's pace, and Twilio's status callbacks. */
export const OUTBOUND_DELIVERY_PROVIDERS: Provider[] = [
  TwilioSdkMessaging,
  RedisSendPacer,
  { provide: TwilioMessaging, useClass: PacedTwilioMessaging },
  AuthenticateStatusCallback,
  TwilioStatusSignatureGuard,
  ReceiveStatusCallback,
];
