import { InvalidConversationSettingsError } from './conversation-settings.errors';

/**
 * A tenant's rules for conversations with people: what the customer is told on a handoff and when
 * nobody claims it, when an idle conversation gets a follow-up and is closed, and whether handoffs
 * are assigned automatically. A null text means the built-in default; a null time means "off".
 */
export interface ConversationSettings {
  handoffAcknowledgement: string | null;
  unclaimedNoticeAfterSeconds: number | null;
  unclaimedNotice: string | null;
  inactivityCloseAfterSeconds: number;
  inactivityFollowUpAfterSeconds: number | null;
  inactivityFollowUp: string | null;
  autoAssign: boolean;
}

/** What a PATCH may change: absent stays, null clears an optional setting. */
export type ConversationSettingsChanges = Partial<ConversationSettings>;

/** The migration's column defaults: a tenant without a row gets these. */
export const DEFAULT_CONVERSATION_SETTINGS: Readonly<ConversationSettings> = Object.freeze({
  handoffAcknowledgement: null,
  unclaimedNoticeAfterSeconds: null,
  unclaimedNotice: null,
  inactivityCloseAfterSeconds: 86400,
  inactivityFollowUpAfterSeconds: null,
  inactivityFollowUp: null,
  autoAssign: false,
});

/** The migration's CHECK ranges, inclusive; the follow-up must also come before the close. */
export const CONVERSATION_SETTINGS_RANGES = Object.freeze({
  unclaimedNoticeAfterSeconds: { min: 10, max: 604800 },
  inactivityCloseAfterSeconds: { min: 1, max: 2592000 },
  inactivityFollowUpAfterSeconds: { min: 1, max: 2592000 - 1 },
});

export const CONVERSATION_SETTINGS_TEXT_MAX_LENGTH = 1000;

type TimeField = keyof typeof CONVERSATION_SETTINGS_RANGES;
type TextField = 'handoffAcknowledgement' | 'unclaimedNotice' | 'inactivityFollowUp';
const TIME_FIELDS = Object.keys(CONVERSATION_SETTINGS_RANGES) as TimeField[];
const TEXT_FIELDS: TextField[] = ['handoffAcknowledgement', 'unclaimedNotice', 'inactivityFollowUp'];
const REQUIRED_FIELDS = new Set<keyof ConversationSettings>(['inactivityCloseAfterSeconds', 'autoAssign']);

/**
 * The settings after a change: texts trimmed, every given value checked; throws
 * InvalidConversationSettingsError naming the first broken rule.
 */
export function applyConversationSettingsChanges(current: ConversationSettings, changes: ConversationSettingsChanges): ConversationSettings {
  const next: ConversationSettings = { ...current };
  for (const [field, value] of Object.entries(changes) as [keyof ConversationSettings, unknown][]) {
    if (value === undefined) continue;
    if (value === null && REQUIRED_FIELDS.has(field)) throw new InvalidConversationSettingsError(`${field} cannot be cleared`);
    Object.assign(next, { [field]: value === null ? null : checked(field, value) });
  }
  const followUp = next.inactivityFollowUpAfterSeconds;
  if (followUp !== null && followUp >= next.inactivityCloseAfterSeconds) {
    throw new InvalidConversationSettingsError('inactivityFollowUpAfterSeconds must be shorter than inactivityCloseAfterSeconds');
  }
  return next;
}

function checked(field: keyof ConversationSettings, value: unknown): unknown {
  if ((TIME_FIELDS as string[]).includes(field)) return checkedSeconds(field as TimeField, value);
  if ((TEXT_FIELDS as string[]).includes(field)) return checkedText(field, value);
  if (field === 'autoAssign' && typeof value === 'boolean') return value;
  throw new InvalidConversationSettingsError(`${field} is not a valid value`);
}

function checkedSeconds(field: TimeField, value: unknown): number {
  const { min, max } = CONVERSATION_SETTINGS_RANGES[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidConversationSettingsError(`${field} must be a whole number of seconds from ${min} to ${max}`);
  }
  return value;
}

function checkedText(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) throw new InvalidConversationSettingsError(`${field} must be a non-blank text (or null for the default)`);
  if (text.length > CONVERSATION_SETTINGS_TEXT_MAX_LENGTH) {
    throw new InvalidConversationSettingsError(`${field} must be at most ${CONVERSATION_SETTINGS_TEXT_MAX_LENGTH} characters`);
  }
  return text;
}
