import { applyConversationSettingsChanges, ConversationSettings, DEFAULT_CONVERSATION_SETTINGS } from './conversation-settings';
import { InvalidConversationSettingsError } from './conversation-settings.errors';

const defaults: ConversationSettings = { ...DEFAULT_CONVERSATION_SETTINGS };
const apply = (changes: Record<string, unknown>, current = defaults) => applyConversationSettingsChanges(current, changes as never);

function rejection(changes: Record<string, unknown>, current = defaults): string {
  try {
    apply(changes, current);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConversationSettingsError);
    expect((error as InvalidConversationSettingsError).code).toBe('CONVERSATION.INVALID_SETTINGS');
    expect((error as InvalidConversationSettingsError).kind).toBe('invalid');
    return (error as Error).message;
  }
  throw new Error('expected the change to be refused');
}

describe('conversation settings', () => {
  it('defaults to the migration: a day to close, no follow-up, no unclaimed notice, built-in texts, manual assignment', () => {
    expect(DEFAULT_CONVERSATION_SETTINGS).toEqual({
      handoffAcknowledgement: null,
      unclaimedNoticeAfterSeconds: null,
      unclaimedNotice: null,
      inactivityCloseAfterSeconds: 86400,
      inactivityFollowUpAfterSeconds: null,
      inactivityFollowUp: null,
      autoAssign: false,
    });
  });

  it('changes only the given fields and trims texts', () => {
    const next = apply({ unclaimedNoticeAfterSeconds: 120, unclaimedNotice: '  Já já te atendemos.  ', autoAssign: true, inactivityFollowUp: undefined });
    expect(next).toEqual({ ...defaults, unclaimedNoticeAfterSeconds: 120, unclaimedNotice: 'Já já te atendemos.', autoAssign: true });
  });

  it('clears an optional setting with null', () => {
    const current = { ...defaults, unclaimedNoticeAfterSeconds: 60, handoffAcknowledgement: 'Um momento' };
    expect(apply({ unclaimedNoticeAfterSeconds: null, handoffAcknowledgement: null }, current)).toEqual(defaults);
  });

  it.each(['inactivityCloseAfterSeconds', 'autoAssign'])('refuses to clear %s, which always has a value', (field) => {
    expect(rejection({ [field]: null })).toBe(`${field} cannot be cleared`);
  });

  it.each([
    ['unclaimedNoticeAfterSeconds', 9],
    ['unclaimedNoticeAfterSeconds', 604801],
    ['inactivityCloseAfterSeconds', 0],
    ['inactivityCloseAfterSeconds', 2592001],
    ['inactivityFollowUpAfterSeconds', 0],
    ['inactivityCloseAfterSeconds', 1.5],
    ['inactivityCloseAfterSeconds', '60'],
  ])('refuses %s = %p, outside its range or not whole seconds', (field, value) => {
    expect(rejection({ [field]: value })).toMatch(new RegExp(`^${field} must be a whole number of seconds from \\d+ to \\d+$`));
  });

  it.each([
    ['unclaimedNoticeAfterSeconds', 10],
    ['unclaimedNoticeAfterSeconds', 604800],
    ['inactivityCloseAfterSeconds', 1],
    ['inactivityCloseAfterSeconds', 2592000],
  ])('accepts %s = %p at the edge of its range', (field, value) => {
    expect(apply({ [field]: value })).toMatchObject({ [field]: value });
  });

  it.each(['', '   ', 42])('refuses a blank or non-text message %p', (value) => {
    expect(rejection({ unclaimedNotice: value })).toBe('unclaimedNotice must be a non-blank text (or null for the default)');
  });

  it('refuses a text over 1000 characters', () => {
    expect(apply({ inactivityFollowUp: 'a'.repeat(1000) }).inactivityFollowUp).toHaveLength(1000);
    expect(rejection({ inactivityFollowUp: 'a'.repeat(1001) })).toBe('inactivityFollowUp must be at most 1000 characters');
  });

  it('refuses a follow-up that would not come before the close, whichever of the two changes', () => {
    const message = 'inactivityFollowUpAfterSeconds must be shorter than inactivityCloseAfterSeconds';
    expect(rejection({ inactivityCloseAfterSeconds: 60, inactivityFollowUpAfterSeconds: 60 })).toBe(message);
    expect(rejection({ inactivityCloseAfterSeconds: 30 }, { ...defaults, inactivityFollowUpAfterSeconds: 60 })).toBe(message);
    expect(apply({ inactivityCloseAfterSeconds: 61, inactivityFollowUpAfterSeconds: 60 })).toMatchObject({ inactivityCloseAfterSeconds: 61, inactivityFollowUpAfterSeconds: 60 });
  });

  it('refuses a non-boolean autoAssign', () => {
    expect(rejection({ autoAssign: 'yes' })).toBe('autoAssign is not a valid value');
  });
});
