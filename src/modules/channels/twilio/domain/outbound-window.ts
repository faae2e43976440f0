import type { TemplatePurpose } from './whatsapp-template';

/** WhatsApp accepts free-form messages only this long after the customer's last message. */
export const SESSION_WINDOW_MS = 24 * 60 * 60 * 1000;

export function insideSessionWindow(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < SESSION_WINDOW_MS;
}

export type OutboundAuthor = 'ai' | 'agent' | 'system' | 'contact';
export type OutboundPurpose = Exclude<TemplatePurpose, 'other'>;

/**
 * Which template purpose an outbound message needs outside the window: an agent reopens the
 * conversation; AI and system messages follow up, the handoff kind while a person has (or is about
 * to have) the conversation (the handoff message, the unclaimed notice).
 */
export function purposeOf(author: OutboundAuthor, conversationState: string | null): OutboundPurpose {
  if (author === 'agent') return 'reopen_conversation';
  return conversationState === 'HANDOFF_PENDING' || conversationState === 'HUMAN_ACTIVE' ? 'handoff_follow_up' : 'ai_follow_up';
}

/** Twilio's error for a free-form message outside the 24-hour window. */
export const TWILIO_OUTSIDE_WINDOW = 63016;

export interface OutboundFacts {
  optedOut: boolean;
  /** The message confirms an opt-out or opt-in: it goes out even to an opted-out contact. */
  isConsentConfirmation: boolean;
  lastInboundAt: Date | null;
  /** A template already chosen for the message (an agent's pick). */
  hasTemplate: boolean;
}

export type OutboundRoute = { kind: 'blocked_opted_out' } | { kind: 'as_chosen_template' } | { kind: 'free_form' } | { kind: 'needs_template' };

/** The channel's rule for every message to a customer, checked right before it is sent. */
export function routeOutbound(facts: OutboundFacts, now: Date): OutboundRoute {
  if (facts.optedOut && !facts.isConsentConfirmation) return { kind: 'blocked_opted_out' };
  if (facts.hasTemplate) return { kind: 'as_chosen_template' };
  return insideSessionWindow(facts.lastInboundAt, now) ? { kind: 'free_form' } : { kind: 'needs_template' };
}
