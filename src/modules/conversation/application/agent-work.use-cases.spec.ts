import { Logger } from '@nestjs/common';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import { strict } from '@test/support/strict-fake';
import type { AssignmentChange, StaffActor } from '../domain/assignment';
import type { Conversation } from '../domain/conversation';
import type { ConversationNote } from '../domain/conversation-note';
import type { Transition } from '../domain/conversation-state-machine';
import type { Message } from '../domain/message';
import { AutoAssignment } from './auto-assignment';
import { ClaimConversation } from './claim-conversation.use-case';
import { CloseConversation } from './close-conversation.use-case';
import { ConversationChanges } from './conversation-changes';
import { ConversationMessenger } from './conversation-messenger';
import { ConversationNotifier } from './conversation-notifier';
import type { AgentPresence } from './ports/agent-presence.port';
import type { AssignmentRotation } from './ports/assignment-rotation.port';
import type { ConversationLifecycle } from './ports/conversation-lifecycle.port';
import type { ConversationNotes, NewConversationNote } from './ports/conversation-notes.port';
import type { ConversationReader, ConversationRecord, MessageRecord } from './ports/conversation-reader.port';
import type { ConversationRepository } from './ports/conversation.repository.port';
import type { LiveUpdate, LiveUpdates } from './ports/live-updates.port';
import type { MessageRepository, NewOutboundMessage } from './ports/message.repository.port';
import type { OutboundDispatcher } from './ports/outbound-dispatcher.port';
import type { StaffRoster } from './ports/staff-roster.port';
import { ReleaseConversation } from './release-conversation.use-case';
import { SendAgentReply } from './send-agent-reply.use-case';
import type { OutboundPolicy } from './ports/outbound-policy.port';
import { TransferConversation } from './transfer-conversation.use-case';

const TENANT = 'tenant-1';
const ID = 'conv-1';
const ANA: StaffActor = { id: 'ana', role: 'agent' };
const BRUNO: StaffActor = { id: 'bruno', role: 'agent' };
const ADMIN: StaffActor = { id: 'admin', role: 'tenant_admin' };

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: ID,
    tenantId: TENANT,
    contactId: 'contact-1',
    whatsappNumberId: 'number-1',
    state: 'HANDOFF_PENDING',
    assignedTo: null,
    handoffReason: 'customer_requested',
    handoffAt: new Date('2025-01-01T12:00:00Z'),
    lastMessageAt: new Date('2025-01-01T12:00:00Z'),
    createdAt: new Date('2025-01-01T11:00:00Z'),
    closedAt: null,
    ...overrides,
  };
}

/**
 * The conversation in memory, changed like the database does it: a transition applies only if
 * the state and assignee are still the expected ones. `beforeApply` lets a test slip in another
 * actor's change between the read and the write (a lost race).
 */
function world(start: Partial<Conversation> = {}) {
  let row = conversation(start);
  const log: string[] = [];
  const published: LiveUpdate[] = [];
  const applied: { transition: Transition; assignment?: AssignmentChange }[] = [];
  const stored: NewOutboundMessage[] = [];
  const notes: NewConversationNote[] = [];
  const hooks: { beforeApply?: () => void; failLifecycle?: boolean } = {};

  const conversations = strict<ConversationRepository>('ConversationRepository', {
    findById: async (tenantId: string, id: string) => (tenantId === TENANT && id === ID ? { ...row } : null),
    applyTransition: async (_t: string, _id: string, transition: Transition, assignment?: AssignmentChange) => {
      hooks.beforeApply?.();
      hooks.beforeApply = undefined;
      if (row.state !== transition.from || (assignment && row.assignedTo !== assignment.expected)) return false;
      row = { ...row, state: transition.to, assignedTo: assignment ? assignment.next : transition.to === 'CLOSED' ? row.assignedTo : null };
      applied.push({ transition, assignment });
      log.push(`apply ${transition.from}->${transition.to}`);
      return true;
    },
  });
  const record = (): ConversationRecord => ({ ...row, contact: { id: 'contact-1', phoneNumber: '+5511999990000', name: 'Maria' }, assignee: null });
  const reader = strict<ConversationReader>('ConversationReader', {
    conversation: async () => record(),
    message: async (_t: string, id: string): Promise<MessageRecord> => ({ ...outboundMessage(id), sender: { id: ANA.id, name: 'Ana' } }),
  });
  const live = strict<LiveUpdates>('LiveUpdates', {
    publish: async (_t: string, update: LiveUpdate) => {
      published.push(update);
      log.push(`live ${update.type}${update.type === 'conversation.updated' ? `:${update.change}` : ''}`);
    },
  });
  const lifecycle = strict<ConversationLifecycle>('ConversationLifecycle', {
    contextChanged: async () => {
      log.push('ai.contextChanged');
      if (hooks.failLifecycle) throw new Error('redis down');
    },
    closed: async () => {
      log.push('ai.closed');
    },
  });
  const messages = strict<MessageRepository>('MessageRepository', {
    storeOutbound: async (message: NewOutboundMessage) => {
      const holds = !message.onlyIf || (row.state === message.onlyIf.state && (!message.onlyIf.assignedTo || row.assignedTo === message.onlyIf.assignedTo));
      if (!holds) return null;
      stored.push(message);
      log.push('store outbound');
      return outboundMessage('reply-1');
    },
  });
  const outbound = strict<OutboundDispatcher>('OutboundDispatcher', {
    dispatch: async (job: { messageId: string }) => {
      log.push(`dispatch ${job.messageId}`);
    },
  });
  const noteStore = strict<ConversationNotes>('ConversationNotes', {
    add: async (note: NewConversationNote): Promise<ConversationNote> => {
      notes.push(note);
      log.push(`note ${note.kind}`);
      return { id: 'note-1', tenantId: note.tenantId, conversationId: note.conversationId, kind: note.kind, body: note.body, author: { id: note.authorId, name: note.authorId }, createdAt: new Date() };
    },
  });
  const uow = strict<TenantTransaction>('TenantTransaction', {
    run: async (_t: string, work: () => Promise<unknown>) => {
      log.push('begin');
      const result = await work();
      log.push('commit');
      return result;
    },
  });

  const notifier = new ConversationNotifier(reader, live);
  const changes = new ConversationChanges(conversations, notifier, lifecycle);
  const messenger = new ConversationMessenger(messages, notifier, outbound);
  return {
    changes,
    notifier,
    messenger,
    noteStore,
    uow,
    log,
    published,
    applied,
    stored,
    notes,
    hooks,
    current: () => row,
    set: (patch: Partial<Conversation>) => (row = { ...row, ...patch }),
  };
}

function outboundMessage(id: string): Message {
  return {
    id,
    tenantId: TENANT,
    whatsappNumberId: 'number-1',
    conversationId: ID,
    contactId: 'contact-1',
    direction: 'outbound',
    author: 'agent',
    body: 'Olá!',
    fromAddress: 'whatsapp:+15550001000',
    toAddress: 'whatsapp:+5511999990000',
    providerSid: null,
    status: 'pending',
    errorCode: null,
    inReplyTo: null,
    correlationId: 'corr-1',
    processedAt: null,
    rawPayload: null,
    createdAt: new Date('2025-01-01T12:01:00Z'),
  };
}

const roster = (active: string[]) => strict<StaffRoster>('StaffRoster', { activeAmong: async (_t: string, ids: string[]) => ids.filter((id) => active.includes(id)).sort() });

describe('agent work on conversations', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('ClaimConversation', () => {
    it('takes a queued conversation, then tells the consoles and has the AI drop its cached context', async () => {
      const w = world();

      await new ClaimConversation(w.changes).execute(TENANT, ANA, ID);

      expect(w.current()).toMatchObject({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });
      expect(w.log).toEqual(['apply HANDOFF_PENDING->HUMAN_ACTIVE', 'live conversation.updated:assigned', 'ai.contextChanged']);
    });

    it('answers the loser of a race CONVERSATION.ALREADY_ASSIGNED, having planned again on what the winner left', async () => {
      const w = world();
      w.hooks.beforeApply = () => w.set({ state: 'HUMAN_ACTIVE', assignedTo: BRUNO.id });

      await expect(new ClaimConversation(w.changes).execute(TENANT, ANA, ID)).rejects.toMatchObject({ code: 'CONVERSATION.ALREADY_ASSIGNED' });

      expect(w.applied).toEqual([]);
      expect(w.published).toEqual([]);
    });

    it('does nothing, and tells nobody, when the conversation already is the caller’s', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      await new ClaimConversation(w.changes).execute(TENANT, ANA, ID);

      expect(w.log).toEqual([]);
    });

    it("answers 404 for another tenant's conversation", async () => {
      const w = world();
      await expect(new ClaimConversation(w.changes).execute('tenant-2', ANA, ID)).rejects.toMatchObject({ code: 'CONVERSATION.NOT_FOUND' });
    });

    it('keeps the claim when the AI cannot be told (it must not fail the request)', async () => {
      const w = world();
      w.hooks.failLifecycle = true;

      await expect(new ClaimConversation(w.changes).execute(TENANT, ANA, ID)).resolves.toBeUndefined();

      expect(w.current().assignedTo).toBe(ANA.id);
    });
  });

  describe('TransferConversation', () => {
    it('hands the conversation to another active staff member as an assignment event', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      await new TransferConversation(w.changes, roster([ANA.id, BRUNO.id])).execute(TENANT, ANA, ID, BRUNO.id);

      expect(w.applied[0]).toMatchObject({ transition: { from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', reason: 'transferred' }, assignment: { expected: ANA.id, next: BRUNO.id } });
      expect(w.log.slice(1)).toEqual(['live conversation.updated:assigned', 'ai.contextChanged']);
    });

    it('refuses a target that is not an active staff member of the tenant (422), changing nothing', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      await expect(new TransferConversation(w.changes, roster([ANA.id])).execute(TENANT, ANA, ID, 'someone-else')).rejects.toMatchObject({ code: 'CONVERSATION.ASSIGNEE_UNAVAILABLE' });

      expect(w.applied).toEqual([]);
    });
  });

  describe('ReleaseConversation', () => {
    it('gives the conversation back to the AI and stores the note in the same transaction, then tells the consoles and the AI', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      await new ReleaseConversation(w.changes, w.noteStore, w.notifier, w.uow).execute(TENANT, ANA, ID, 'Reembolso aprovado');

      expect(w.current()).toMatchObject({ state: 'ACTIVE', assignedTo: null });
      expect(w.notes).toEqual([{ tenantId: TENANT, conversationId: ID, authorId: ANA.id, kind: 'release', body: 'Reembolso aprovado' }]);
      expect(w.log).toEqual(['begin', 'apply HUMAN_ACTIVE->ACTIVE', 'note release', 'commit', 'live note.created', 'live conversation.updated:released', 'ai.contextChanged']);
    });

    it('stores no note when none is given, and refuses an agent who is not the assignee (403)', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });
      const release = new ReleaseConversation(w.changes, w.noteStore, w.notifier, w.uow);

      await expect(release.execute(TENANT, BRUNO, ID, 'x')).rejects.toMatchObject({ code: 'CONVERSATION.NOT_ASSIGNEE' });
      expect(w.notes).toEqual([]);
      await release.execute(TENANT, ADMIN, ID);
      expect(w.notes).toEqual([]);
      expect(w.current().state).toBe('ACTIVE');
    });
  });

  describe('CloseConversation', () => {
    it('closes the conversation and has the AI summarize it', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      await new CloseConversation(w.changes).execute(TENANT, ANA, ID);

      expect(w.current()).toMatchObject({ state: 'CLOSED', assignedTo: ANA.id });
      expect(w.log).toEqual(['apply HUMAN_ACTIVE->CLOSED', 'live conversation.updated:closed', 'ai.closed']);
    });
  });

  describe('SendAgentReply', () => {
    const freeForm = strict<OutboundPolicy>('OutboundPolicy', { planAgentReply: async ({ body }) => ({ body: body ?? '', template: null }) });

    it("stores the assignee's reply as an agent message with its sender, shows it to the consoles, then queues it", async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });

      const sent = await new SendAgentReply(w.changes, w.messenger, freeForm).execute(TENANT, ANA, ID, { body: 'Olá!' });

      expect(w.stored).toEqual([
        expect.objectContaining({ author: 'agent', body: 'Olá!', sentBy: ANA.id, onlyIf: { state: 'HUMAN_ACTIVE', assignedTo: ANA.id } }),
      ]);
      expect(w.log).toEqual(['store outbound', 'live message.created', 'dispatch reply-1']);
      expect(sent).toMatchObject({ id: 'reply-1', author: 'agent', sender: { id: ANA.id } });
    });

    it('has a tenant admin answering a queued conversation claim it first', async () => {
      const w = world();

      await new SendAgentReply(w.changes, w.messenger, freeForm).execute(TENANT, ADMIN, ID, { body: 'Olá!' });

      expect(w.current()).toMatchObject({ state: 'HUMAN_ACTIVE', assignedTo: ADMIN.id });
      expect(w.log.slice(0, 4)).toEqual(['apply HANDOFF_PENDING->HUMAN_ACTIVE', 'live conversation.updated:assigned', 'ai.contextChanged', 'store outbound']);
    });

    it('refuses an agent replying to a queued conversation (409) or to someone else’s (403), storing nothing', async () => {
      const queued = world();
      await expect(new SendAgentReply(queued.changes, queued.messenger, freeForm).execute(TENANT, ANA, ID, { body: 'x' })).rejects.toMatchObject({ code: 'CONVERSATION.NOT_HUMAN_ACTIVE' });
      const taken = world({ state: 'HUMAN_ACTIVE', assignedTo: BRUNO.id });
      await expect(new SendAgentReply(taken.changes, taken.messenger, freeForm).execute(TENANT, ANA, ID, { body: 'x' })).rejects.toMatchObject({ code: 'CONVERSATION.NOT_ASSIGNEE' });
      expect([...queued.stored, ...taken.stored]).toEqual([]);
    });

    it('sends nothing when the conversation was released between the check and the write, and says why', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: ANA.id });
      const released = new SendAgentReply(w.changes, { send: async (m: NewOutboundMessage) => (w.set({ state: 'ACTIVE', assignedTo: null }), w.messenger.send(m)) } as unknown as ConversationMessenger, freeForm);

      await expect(released.execute(TENANT, ANA, ID, { body: 'x' })).rejects.toMatchObject({ code: 'CONVERSATION.NOT_HUMAN_ACTIVE' });

      expect(w.stored).toEqual([]);
      expect(w.log).not.toContain('dispatch reply-1');
    });
  });

  describe('AutoAssignment', () => {
    function rotation(state: { enabled: boolean; lastAssigned: string | null }, log: string[]) {
      return strict<AssignmentRotation>('AssignmentRotation', {
        lock: async () => (log.push('rotation.lock'), { ...state }),
        advance: async (_t: string, staffId: string) => {
          log.push(`rotation.advance ${staffId}`);
          state.lastAssigned = staffId;
        },
      });
    }
    const online = (ids: string[]) => strict<AgentPresence>('AgentPresence', { onlineStaff: async () => ids });

    it('gives the queued conversation to the next online active staff member and moves the pointer in the same transaction', async () => {
      const w = world();
      const auto = new AutoAssignment(w.changes, online(['carla', 'ana', 'disabled']), roster(['ana', 'bruno', 'carla']), rotation({ enabled: true, lastAssigned: 'ana' }, w.log), w.uow);

      await expect(auto.assign(TENANT, ID)).resolves.toBe('carla');

      expect(w.applied[0]).toMatchObject({ transition: { actor: { type: 'system' }, reason: 'auto_assigned' }, assignment: { expected: null, next: 'carla' } });
      expect(w.log).toEqual(['begin', 'rotation.lock', 'apply HANDOFF_PENDING->HUMAN_ACTIVE', 'rotation.advance carla', 'commit', 'live conversation.updated:assigned', 'ai.contextChanged']);
    });

    it('leaves the conversation queued when the tenant does not assign automatically, or nobody is online', async () => {
      const off = world();
      await expect(new AutoAssignment(off.changes, online(['ana']), roster(['ana']), rotation({ enabled: false, lastAssigned: null }, off.log), off.uow).assign(TENANT, ID)).resolves.toBeNull();
      const empty = world();
      await expect(new AutoAssignment(empty.changes, online([]), roster(['ana']), rotation({ enabled: true, lastAssigned: null }, empty.log), empty.uow).assign(TENANT, ID)).resolves.toBeNull();
      expect([...off.applied, ...empty.applied]).toEqual([]);
      expect(empty.log).toEqual([]);
    });

    it('does not move the pointer when an agent claimed the conversation first', async () => {
      const w = world({ state: 'HUMAN_ACTIVE', assignedTo: BRUNO.id });

      await expect(new AutoAssignment(w.changes, online(['ana']), roster(['ana']), rotation({ enabled: true, lastAssigned: null }, w.log), w.uow).assign(TENANT, ID)).resolves.toBeNull();

      expect(w.log).toEqual(['begin', 'rotation.lock', 'commit']);
    });
  });

  describe('ConversationNotifier', () => {
    it('never throws: a console missing an update must not fail the work that caused it', async () => {
      const failing = strict<LiveUpdates>('LiveUpdates', { publish: async () => Promise.reject(new Error('redis down')) });
      const reader = strict<ConversationReader>('ConversationReader', { conversation: async () => Promise.reject(new Error('db down')) });
      const notifier = new ConversationNotifier(reader, failing);

      await expect(notifier.conversationChanged(TENANT, ID, 'handoff')).resolves.toBeUndefined();
      await expect(notifier.noteAdded({ id: 'n', tenantId: TENANT, conversationId: ID, kind: 'note', body: 'x', author: null, createdAt: new Date() })).resolves.toBeUndefined();
    });
  });
});
