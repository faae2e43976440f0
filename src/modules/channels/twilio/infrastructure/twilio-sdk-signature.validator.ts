import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { TwilioSignatureValidator, WebhookParams } from '../application/ports/twilio-signature.validator.port';

/** Twilio's own algorithm (HMAC-SHA1 over URL + sorted params), through the SDK. */
@Injectable()
export class TwilioSdkSignatureValidator extends TwilioSignatureValidator {
  isValid(authToken: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
    if (!signature) return false;
    try {
      return twilio.validateRequest(authToken, signature, url, params);
    } catch {
      // The SDK parses the URL (new URL) when the first comparison fails: one it cannot parse was signed by nobody.
      return false;
    }
  }

  sign(authToken: string, url: string, params: WebhookParams): string {
    return twilio.getExpectedTwilioSignature(authToken, url, params);
  }
}
