import { DomainError } from '@core/errors/domain-error';

export class ConversationNotFoundError extends DomainError {
  readonly code = 'CONVERSATION.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Conversation not found');
  }
}

export class InvalidMessageSidError extends DomainError {
  readonly code = 'CONVERSATION.INVALID_MESSAGE_SID';
  readonly kind = 'invalid' as const;
  constructor() {
    super('MessageSid is missing or malformed');
  }
}
