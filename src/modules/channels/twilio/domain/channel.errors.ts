import { DomainError } from '@core/errors/domain-error';
import type { OutboundPurpose } from './outbound-window';

export const OUTSIDE_WINDOW = 'CHANNEL.OUTSIDE_WINDOW';
export const CONTACT_OPTED_OUT = 'CHANNEL.CONTACT_OPTED_OUT';

/**
 * What a message refused by the channel's rules stores as its error code: messages.error_code holds
 * 20 characters, so the API code without its module prefix (like NUMBER_DISABLED); the error message
 * names the rule.
 */
export const SEND_REFUSALS = { outsideWindow: 'OUTSIDE_WINDOW', optedOut: 'CONTACT_OPTED_OUT', templateUnusable: 'TEMPLATE_UNUSABLE' } as const;

export function outsideWindowMessage(purpose: OutboundPurpose): string {
  return (
    'WhatsApp only accepts free-form messages within 24 hours of the customer\'s last message, and this customer wrote longer ago. ' +
    `Send an approved template instead: register one with purpose "${purpose}" (POST /api/v1/whatsapp-templates), or pick one with templateId`
  );
}

export const OPTED_OUT_MESSAGE = 'The customer opted out of messages (they sent an opt-out keyword such as STOP); nothing is sent until they opt back in';

export class OutsideWindowError extends DomainError {
  readonly code = OUTSIDE_WINDOW;
  readonly kind = 'unprocessable' as const;
  constructor(purpose: OutboundPurpose) {
    super(outsideWindowMessage(purpose));
  }
}

export class ContactOptedOutError extends DomainError {
  readonly code = CONTACT_OPTED_OUT;
  readonly kind = 'unprocessable' as const;
  constructor() {
    super(OPTED_OUT_MESSAGE);
  }
}

export class TemplateNotFoundError extends DomainError {
  readonly code = 'CHANNEL.TEMPLATE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super("No WhatsApp template with this id in the caller's tenant");
  }
}

export class TemplateUnusableError extends DomainError {
  readonly code = 'CHANNEL.TEMPLATE_UNUSABLE';
  readonly kind = 'unprocessable' as const;
  constructor(reason: string) {
    super(reason);
  }
}

export class TemplateNameTakenError extends DomainError {
  readonly code = 'CHANNEL.TEMPLATE_NAME_TAKEN';
  readonly kind = 'conflict' as const;
  constructor() {
    super('The tenant already has a WhatsApp template with this name');
  }
}

export class InvalidChannelSettingsError extends DomainError {
  readonly code = 'CHANNEL.INVALID_SETTINGS';
  readonly kind = 'unprocessable' as const;
  constructor(reason: string) {
    super(reason);
  }
}

export class InvalidTemplateError extends DomainError {
  readonly code = 'CHANNEL.INVALID_TEMPLATE';
  readonly kind = 'unprocessable' as const;
  constructor(reason: string) {
    super(reason);
  }
}
