import type { ConversationState } from './conversation-state';
import { dueInactivityAction } from './inactivity';

const NOW = new Date('2026-03-01T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const settings = { inactivityCloseAfterSeconds: 600, inactivityFollowUpAfterSeconds: 300 as number | null };

function due(idleSeconds: number, options: { state?: ConversationState; followedUpSecondsAgo?: number; followUpAfter?: number | null } = {}) {
  const conversation = {
    state: options.state ?? 'WAITING_USER',
    lastMessageAt: secondsAgo(idleSeconds),
    followedUpAt: options.followedUpSecondsAgo === undefined ? null : secondsAgo(options.followedUpSecondsAgo),
  };
  const followUpAfter = options.followUpAfter === undefined ? settings.inactivityFollowUpAfterSeconds : options.followUpAfter;
  return dueInactivityAction(conversation, { ...settings, inactivityFollowUpAfterSeconds: followUpAfter }, NOW);
}

describe('dueInactivityAction', () => {
  it('leaves a conversation alone before its follow-up time', () => {
    expect(due(299)).toBe('nothing');
  });

  it('sends the follow-up once the follow-up time passed', () => {
    expect(due(300)).toBe('follow_up');
    expect(due(599)).toBe('follow_up');
  });

  it('sends the follow-up only once per idle spell', () => {
    expect(due(400, { followedUpSecondsAgo: 100 })).toBe('nothing');
  });

  it('follows up again after the customer wrote since the last follow-up', () => {
    expect(due(400, { followedUpSecondsAgo: 1000 })).toBe('follow_up');
  });

  it('closes once the close time passed, followed up or not', () => {
    expect(due(600, { followedUpSecondsAgo: 300 })).toBe('close');
    expect(due(601)).toBe('close');
  });

  it('without a follow-up time only closes', () => {
    expect(due(599, { followUpAfter: null })).toBe('nothing');
    expect(due(600, { followUpAfter: null })).toBe('close');
  });

  it.each(['ACTIVE', 'WAITING_USER', 'HUMAN_ACTIVE'] as const)('follows up and closes a %s conversation', (state) => {
    expect(due(300, { state })).toBe('follow_up');
    expect(due(600, { state })).toBe('close');
  });

  it('sends no follow-up to a customer waiting in the queue, but still closes the abandoned chat', () => {
    expect(due(300, { state: 'HANDOFF_PENDING' })).toBe('nothing');
    expect(due(600, { state: 'HANDOFF_PENDING' })).toBe('close');
  });

  it('never touches a closed conversation', () => {
    expect(due(10_000, { state: 'CLOSED' })).toBe('nothing');
  });
});
