import { DomainError } from '@core/errors/domain-error';

export class NumberTakenError extends DomainError {
  readonly code = 'TWILIO.NUMBER_TAKEN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('This WhatsApp number is already registered');
  }
}

export class UnknownNumberError extends DomainError {
  readonly code = 'TWILIO.UNKNOWN_NUMBER';
  readonly kind = 'not_found' as const;
  constructor() {
    super('No WhatsApp number is registered for this address');
  }
}

export class MissingTwilioCredentialsError extends DomainError {
  readonly code = 'TWILIO.MISSING_CREDENTIALS';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('twilioAccountSid and twilioAuthToken are required unless the number is a sandbox number');
  }
}
