import { DomainError } from '@core/errors/domain-error';

export class InvalidConversationSettingsError extends DomainError {
  readonly code = 'CONVERSATION.INVALID_SETTINGS';
  readonly kind = 'invalid' as const;
}
