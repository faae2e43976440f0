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

export class NumberNotFoundError extends DomainError {
  readonly code = 'TWILIO.NUMBER_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('WhatsApp number not found');
  }
}

export class SandboxCredentialsError extends DomainError {
  readonly code = 'TWILIO.SANDBOX_CREDENTIALS';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('A sandbox number cannot take real Twilio credentials: register the number again without sandbox to use a Twilio account');
  }
}

export class NumberHasConversationsError extends DomainError {
  readonly code = 'TWILIO.NUMBER_HAS_CONVERSATIONS';
  readonly kind = 'conflict' as const;
  constructor() {
    super('This number has conversations or messages, and deleting it would lose their history: disable it instead (POST /api/v1/whatsapp-numbers/{id}/disable)');
  }
}

export class SandboxMessagingServiceError extends DomainError {
  readonly code = 'TWILIO.SANDBOX_MESSAGING_SERVICE';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('A sandbox number sends through the built-in sandbox and cannot use a Twilio Messaging Service');
  }
}
