export interface OutboundSend {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  from: string;
  to: string;
  body: string;
}

export class TwilioSendError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    readonly twilioCode: number | undefined,
  ) {
    super(message);
    this.name = 'TwilioSendError';
  }
}

/** Sends one WhatsApp message through Twilio's Messages API; throws TwilioSendError on failure. */
export abstract class TwilioMessaging {
  abstract send(message: OutboundSend): Promise<{ sid: string; status: string }>;
}
