import { insideSessionWindow, purposeOf, routeOutbound } from './outbound-window';

const NOW = new Date('2025-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
const facts = (over: Partial<Parameters<typeof routeOutbound>[0]> = {}) => ({ optedOut: false, isConsentConfirmation: false, lastInboundAt: hoursAgo(1), hasTemplate: false, ...over });

describe('the 24-hour window', () => {
  it('is open until 24 hours after the last inbound message, and closed without one', () => {
    expect(insideSessionWindow(hoursAgo(23.99), NOW)).toBe(true);
    expect(insideSessionWindow(hoursAgo(24), NOW)).toBe(false);
    expect(insideSessionWindow(hoursAgo(25), NOW)).toBe(false);
    expect(insideSessionWindow(null, NOW)).toBe(false);
  });

  it('sends free-form inside the window and asks for a template outside it', () => {
    expect(routeOutbound(facts(), NOW)).toEqual({ kind: 'free_form' });
    expect(routeOutbound(facts({ lastInboundAt: hoursAgo(25) }), NOW)).toEqual({ kind: 'needs_template' });
  });

  it('sends a template already chosen for the message, whatever the window', () => {
    expect(routeOutbound(facts({ hasTemplate: true }), NOW)).toEqual({ kind: 'as_chosen_template' });
    expect(routeOutbound(facts({ hasTemplate: true, lastInboundAt: hoursAgo(100) }), NOW)).toEqual({ kind: 'as_chosen_template' });
  });

  it('blocks everything to an opted-out contact, templates included, except the confirmation of their choice', () => {
    expect(routeOutbound(facts({ optedOut: true }), NOW)).toEqual({ kind: 'blocked_opted_out' });
    expect(routeOutbound(facts({ optedOut: true, hasTemplate: true }), NOW)).toEqual({ kind: 'blocked_opted_out' });
    expect(routeOutbound(facts({ optedOut: true, isConsentConfirmation: true }), NOW)).toEqual({ kind: 'free_form' });
  });

  it('picks the template purpose from the author and who has the conversation', () => {
    expect(purposeOf('agent', 'HUMAN_ACTIVE')).toBe('reopen_conversation');
    expect(purposeOf('ai', 'WAITING_USER')).toBe('ai_follow_up');
    expect(purposeOf('system', 'ACTIVE')).toBe('ai_follow_up');
    expect(purposeOf('system', 'HANDOFF_PENDING')).toBe('handoff_follow_up');
    expect(purposeOf('ai', 'HUMAN_ACTIVE')).toBe('handoff_follow_up');
  });
});
