import { Logger } from '@nestjs/common';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import { strict } from '@test/support/strict-fake';
import { DEFAULT_CONVERSATION_SETTINGS, type ConversationSettings } from '../../domain/conversation-settings';
import type { Transition } from '../../domain/conversation-state-machine';
import type { ConversationState } from '../../domain/conversation-state';
import type { Message } from '../../domain/message';
import { DEFAULT_INACTIVITY_FOLLOW_UP, DEFAULT_UNCLAIMED_NOTICE } from '../../domain/timer-messages';
import type { ConversationRepository } from '../ports/conversation.repository.port';
import type { ConversationTimerQueue, UnclaimedNoticeTimer } from '../ports/conversation-timer-queue.port';
import type { ConversationTimerStore, LockedConversation, SystemMessageToStore } from '../ports/conversation-timer-store.port';
import type { ConversationSettingsQueries } from '../settings/conversation-settings-queries';
import { ApplyInactivityTimer } from './apply-inactivity-timer.use-case';
import { ScheduleUnclaimedNotice } from './schedule-unclaimed-notice';
import { SendUnclaimedNotice } from './send-unclaimed-notice.use-case';
import type { ConversationChanges } from '../conversation-changes';
import type { ConversationMessenger } from '../conversation-messenger';

const TENANT = 'tenant-1';
const CONVERSATION = 'conv-1';
const NOW = new Date('2026-03-01T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

const uow = strict<TenantTransaction>('uow', { run: (_tenantId: string, work: () => Promise<unknown>) => work() });
const settingsOf = (overrides: Partial<ConversationSettings>) =>
  strict<ConversationSettingsQueries>('settings', { forTenant: async () => ({ ...DEFAULT_CONVERSATION_SETTINGS, ...overrides }) });

function stored(body: string, id = 'msg-1'): Message {
  return { id, tenantId: TENANT, conversationId: CONVERSATION, body, author: 'system', direction: 'outbound', status: 'pending' } as Message;
}

/** What the timers make known after commit: messages delivered (consoles and send queue), changes announced. */
function announcementsLog() {
  const log: string[] = [];
  const messenger = strict<ConversationMessenger>('messenger', {
    deliver: async (message: Message, correlationId: string) => void log.push(`message:${message.body}:${correlationId}`),
    redispatch: async (_tenantId: string, messageId: string) => void log.push(`redispatch:${messageId}`),
  });
  const changes = strict<ConversationChanges>('changes', {
    announce: async (_tenantId: string, conversationId: string, change: string) => void log.push(`${change}:${conversationId}`),
  });
  return { log, messenger, changes };
}

beforeAll(() => Logger.overrideLogger(false));

describe('ScheduleUnclaimedNotice', () => {
  const handoffAt = new Date(Date.now() - 2000);

  it("arms the notice for the tenant's delay after the handoff", async () => {
    const scheduled: { timer: UnclaimedNoticeTimer; delayMs: number }[] = [];
    const queue = strict<ConversationTimerQueue>('queue', { scheduleUnclaimedNotice: async (timer: UnclaimedNoticeTimer, delayMs: number) => void scheduled.push({ timer, delayMs }) });

    await new ScheduleUnclaimedNotice(settingsOf({ unclaimedNoticeAfterSeconds: 60 }), queue).schedule(TENANT, CONVERSATION, handoffAt);

    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].timer).toMatchObject({ tenantId: TENANT, conversationId: CONVERSATION, handoffAt });
    expect(scheduled[0].delayMs).toBeGreaterThan(57_000);
    expect(scheduled[0].delayMs).toBeLessThanOrEqual(58_000);
  });

  it('arms nothing while the tenant has no unclaimed notice', async () => {
    const queue = strict<ConversationTimerQueue>('queue', {});
    await expect(new ScheduleUnclaimedNotice(settingsOf({ unclaimedNoticeAfterSeconds: null }), queue).schedule(TENANT, CONVERSATION, handoffAt)).resolves.toBeUndefined();
  });

  it('never fails the handoff when the queue is down', async () => {
    const queue = strict<ConversationTimerQueue>('queue', { scheduleUnclaimedNotice: async () => Promise.reject(new Error('redis down')) });
    await expect(new ScheduleUnclaimedNotice(settingsOf({ unclaimedNoticeAfterSeconds: 60 }), queue).schedule(TENANT, CONVERSATION, handoffAt)).resolves.toBeUndefined();
  });
});

describe('SendUnclaimedNotice', () => {
  const timer: UnclaimedNoticeTimer = { tenantId: TENANT, conversationId: CONVERSATION, handoffAt: secondsAgo(60), correlationId: 'corr-1' };

  it("tells a customer still waiting in the queue, in their language, and sends it", async () => {
    const { log, messenger } = announcementsLog();
    const store = strict<ConversationTimerStore>('store', {
      markUnclaimedNotified: async (_t: string, _c: string, handoffAt: Date) => (handoffAt === timer.handoffAt ? { customerText: 'I want to talk to a person' } : null),
      storeSystemMessage: async (message: SystemMessageToStore) => stored(message.body),
    });

    expect(await new SendUnclaimedNotice(uow, store, settingsOf({ unclaimedNoticeAfterSeconds: 10 }), messenger).execute(timer)).toBe(true);
    expect(log).toEqual([`message:${DEFAULT_UNCLAIMED_NOTICE.en}:corr-1`]);
  });

  it("sends the tenant's own notice when it wrote one", async () => {
    const { log, messenger } = announcementsLog();
    const store = strict<ConversationTimerStore>('store', {
      markUnclaimedNotified: async () => ({ customerText: 'quero falar com alguém' }),
      storeSystemMessage: async (message: SystemMessageToStore) => stored(message.body),
    });
    await new SendUnclaimedNotice(uow, store, settingsOf({ unclaimedNoticeAfterSeconds: 10, unclaimedNotice: 'Respondemos em até 1 hora.' }), messenger).execute(timer);
    expect(log).toEqual(['message:Respondemos em até 1 hora.:corr-1']);
  });

  it('stays silent when the chat was claimed, closed, or already told; a retry re-sends what it stored but did not send', async () => {
    const { log, messenger } = announcementsLog();
    const store = strict<ConversationTimerStore>('store', {
      markUnclaimedNotified: async () => null,
      pendingSystemMessages: async (_t: string, _c: string, correlationId: string) => (correlationId === 'corr-1' ? [stored('x', 'msg-unsent')] : []),
    });
    expect(await new SendUnclaimedNotice(uow, store, settingsOf({ unclaimedNoticeAfterSeconds: 10 }), messenger).execute(timer)).toBe(false);
    expect(log).toEqual(['redispatch:msg-unsent']);
  });

  it('does nothing once the tenant turned the notice off', async () => {
    const { log, messenger } = announcementsLog();
    expect(await new SendUnclaimedNotice(uow, strict('store', {}), settingsOf({ unclaimedNoticeAfterSeconds: null }), messenger).execute(timer)).toBe(false);
    expect(log).toEqual([]);
  });
});

describe('ApplyInactivityTimer', () => {
  const settings: ConversationSettings = { ...DEFAULT_CONVERSATION_SETTINGS, inactivityCloseAfterSeconds: 600, inactivityFollowUpAfterSeconds: 300 };

  function run(conversation: Partial<LockedConversation> | null, options: { followUpWins?: boolean; transitionWins?: boolean } = {}) {
    const { log, messenger, changes } = announcementsLog();
    const transitions: Transition[] = [];
    const locked: LockedConversation | null = conversation && {
      id: CONVERSATION,
      tenantId: TENANT,
      state: 'WAITING_USER' as ConversationState,
      lastMessageAt: secondsAgo(0),
      followedUpAt: null,
      customerText: 'Qual o horário?',
      ...conversation,
    };
    const store = strict<ConversationTimerStore>('store', {
      lockOpen: async () => locked,
      markFollowedUp: async () => options.followUpWins ?? true,
      storeSystemMessage: async (message: SystemMessageToStore) => stored(message.body),
    });
    const conversations = strict<ConversationRepository>('conversations', {
      applyTransition: async (_t: string, _id: string, transition: Transition) => {
        transitions.push(transition);
        return options.transitionWins ?? true;
      },
    });
    const timer = new ApplyInactivityTimer(uow, store, conversations, changes, messenger);
    return { log, transitions, result: timer.execute({ tenantId: TENANT, conversationId: CONVERSATION, settings, now: NOW, correlationId: 'corr-9' }) };
  }

  it('closes a conversation idle past the close time, as the system, for inactivity, and says so', async () => {
    const { log, transitions, result } = run({ state: 'HUMAN_ACTIVE', lastMessageAt: secondsAgo(601) });
    expect(await result).toBe('close');
    expect(transitions).toEqual([{ from: 'HUMAN_ACTIVE', to: 'CLOSED', actor: { type: 'system' }, reason: 'inactivity' }]);
    expect(log).toEqual([`closed:${CONVERSATION}`]);
  });

  it('sends the follow-up in the customer language once the follow-up time passed', async () => {
    const { log, transitions, result } = run({ lastMessageAt: secondsAgo(301) });
    expect(await result).toBe('follow_up');
    expect(transitions).toEqual([]);
    expect(log).toEqual([`message:${DEFAULT_INACTIVITY_FOLLOW_UP.pt}:corr-9`]);
  });

  it('sends nothing when another sweep sent the follow-up first', async () => {
    const { log, result } = run({ lastMessageAt: secondsAgo(301) }, { followUpWins: false });
    expect(await result).toBe('nothing');
    expect(log).toEqual([]);
  });

  it('keeps open a conversation whose customer wrote again since the sweep looked', async () => {
    const { log, transitions, result } = run({ lastMessageAt: secondsAgo(5) });
    expect(await result).toBe('nothing');
    expect(transitions).toEqual([]);
    expect(log).toEqual([]);
  });

  it('announces nothing when someone else moved the conversation first, or it is already closed', async () => {
    const raced = run({ lastMessageAt: secondsAgo(700) }, { transitionWins: false });
    expect(await raced.result).toBe('nothing');
    expect(raced.log).toEqual([]);
    const gone = run(null);
    expect(await gone.result).toBe('nothing');
  });
});
