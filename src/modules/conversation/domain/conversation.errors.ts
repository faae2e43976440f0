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

export class ConversationAlreadyAssignedError extends DomainError {
  readonly code = 'CONVERSATION.ALREADY_ASSIGNED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Another staff member already took this conversation');
  }
}

export class NotConversationAssigneeError extends DomainError {
  readonly code = 'CONVERSATION.NOT_ASSIGNEE';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('Only the staff member assigned to this conversation or a tenant admin may do this');
  }
}

export class ConversationNotHumanActiveError extends DomainError {
  readonly code = 'CONVERSATION.NOT_HUMAN_ACTIVE';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Only a conversation a person has taken over (HUMAN_ACTIVE) can be answered by staff; claim it first');
  }
}

export class ConversationNotHandedOffError extends DomainError {
  readonly code = 'CONVERSATION.NOT_HANDED_OFF';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Only a conversation with a person or waiting for one can be given back to the AI');
  }
}

export class ConversationChangedError extends DomainError {
  readonly code = 'CONVERSATION.CHANGED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('The conversation kept changing meanwhile; read it again and retry');
  }
}

export class AssigneeUnavailableError extends DomainError {
  readonly code = 'CONVERSATION.ASSIGNEE_UNAVAILABLE';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('staffId is not an active staff member of this tenant');
  }
}
