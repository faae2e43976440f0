import { Logger } from '@nestjs/common';
import type { TenantDirectory } from '@modules/identity/application/tenant-directory';
import type { Contact } from '@modules/identity/domain/contact';
import type { Tenant } from '@modules/identity/domain/tenant';
import type { Conversation } from '../domain/conversation';
import type { ConversationState } from '../domain/conversation-state';
import type { Message } from '../domain/message';
import { AnswerInboundMessage, AnswerInboundCommand } from './answer-inbound-message.use-case';
import type { AiAudit, AiReply, AiRequest, AiResponder } from './ports/ai-responder.port';
import type { ConversationRepository } from './ports/conversation.repository.port';
import type { AiReplyToStore, MessageRepository } from './ports/message.repository.port';
import type { OutboundDispatcher } from './ports/outbound-dispatcher.port';
import type { AiQuota } from './ports/ai-quota.port';
import type { TenantTransaction } from '@core/database/tenant-transaction.port';
import type { Transition } from '../domain/conversation-state-machine';
import { ConversationLocator } from './conversation-locator';
import { HandOffConversation } from './hand-off-conversation';
import { ReplyPublisher } from './reply-publisher';
import { ConversationMessenger } from './conversation-messenger';
import type { ConversationNotifier } from './conversation-notifier';
import type { HandoffQueue } from './handoff-queue';
import type { ConversationSettingsRepository } from './ports/conversation-settings.repository.port';
import type { MessageRecord } from './ports/conversation-reader.port';
import { DEFAULT_CONVERSATION_SETTINGS } from '../domain/conversation-settings';
import { strict } from '@test/support/strict-fake';
import type { ConversationRunLock } from './ports/conversation-run-lock.port';

const TENANT = 'tenant-1';
const INBOUND_ID = 'msg-in-1';
const NUMBER_ID = 'number-1';
const CORRELATION = 'corr-1';

const TENANT_ROW: Tenant = { id: TENANT, name: 'Barbearia do Zé', status: 'active', createdAt: new Date('2025-01-01T00:00:00Z') };
const CONTACT: Contact = { id: 'contact-1', tenantId: TENANT, phoneNumber: '+5511999990000', waId: '5511999990000', profileName: 'Maria' };

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: INBOUND_ID,
    tenantId: TENANT,
    whatsappNumberId: NUMBER_ID,
    conversationId: null,
    contactId: null,
    direction: 'inbound',
    author: 'contact',
    body: 'Qual o horário de hoje?',
    fromAddress: 'whatsapp:+5511999990000',
    toAddress: 'whatsapp:+14155238886',
    providerSid: 'SM0123456789abcdef0123456789abcdef',
    status: 'received',
    errorCode: null,
    inReplyTo: null,
    correlationId: CORRELATION,
    processedAt: null,
    rawPayload: { MessageSid: 'SM0123456789abcdef0123456789abcdef', Body: 'Qual o horário de hoje?', WaId: '5511999990000', ProfileName: 'Maria' },
    createdAt: new Date('2025-01-01T12:00:10Z'),
    ...overrides,
  };
}

function conversation(state: ConversationState): Conversation {
  return {
    id: 'conv-1',
    tenantId: TENANT,
    contactId: CONTACT.id,
    whatsappNumberId: NUMBER_ID,
    state,
    assignedTo: null,
    handoffReason: null,
    handoffAt: null,
    lastMessageAt: new Date('2025-01-01T12:00:00Z'),
    createdAt: new Date('2025-01-01T11:00:00Z'),
    closedAt: null,
  };
}

/** Earlier turns already in conversation conv-1, oldest first. */
function earlierTurns(count: number): Message[] {
  return Array.from({ length: count }, (_, i) =>
    message({
      id: `old-${i + 1}`,
      conversationId: 'conv-1',
      contactId: CONTACT.id,
      direction: i % 2 === 0 ? 'inbound' : 'outbound',
      author: i % 2 === 0 ? 'contact' : 'ai',
      body: `turn ${i + 1}`,
      processedAt: new Date('2025-01-01T11:00:00Z'),
      createdAt: new Date(Date.UTC(2025, 0, 1, 11, 0, i)),
    }),
  );
}

const AI_AUDIT: AiAudit = { provider: 'openai', model: 'gpt-4o-mini', promptTokens: 120, completionTokens: 30, latencyMs: 850, outcome: 'answered' };
const AI_REPLY: AiReply = { text: 'Hoje abrimos das 9h às 19h, Maria!', audit: AI_AUDIT };
const FALLBACK_AUDIT: AiAudit = { provider: 'openai', model: 'gpt-4o-mini', promptTokens: 0, completionTokens: 0, latencyMs: 0, outcome: 'failed', error: 'upstream 503' };
const FALLBACK_REPLY: AiReply = { text: 'Desculpe, tive um problema. Já já te respondo.', audit: FALLBACK_AUDIT };

/** Everything the use case did, in order, across all its ports. */
type Call =
  | ['messages.findById', string, string]
  | ['directory.findTenant', string]
  | ['directory.upsertContact', string, string, { waId?: string; profileName?: string }]
  | ['conversations.openFor', string, string, string]
  | ['conversations.touch', string, string, ConversationState | undefined]
  | ['messages.attach', string, string, string, string]
  | ['messages.listForConversation', string, string, { limit: number; newestFirst?: boolean }]
  | ['messages.storeAiReply', AiReplyToStore]
  | ['messages.markProcessed', string, string]
  | ['messages.findUnsentReplies', string, string]
  | ['ai.respond', AiRequest]
  | ['ai.fallback', AiRequest, unknown]
  | ['ai.recordAudit', { tenantId: string; conversationId: string; inboundMessageId: string; replyMessageId: string | null }, AiAudit]
  | ['outbound.dispatch', { tenantId: string; messageId: string; correlationId: string }]
  | ['quota.reserveReply', string]
  | ['quota.recordTokens', string, { prompt: number; completion: number; costUsd: number }]
  | ['uow.run', string]
  | ['conversations.applyTransition', string, string, Transition]
  | ['notify.messageStored', string, string]
  | ['settings.find', string]
  | ['handoffQueue.entered', string, string];

interface Setup {
  /** The stored messages; the inbound under test unless the scenario says otherwise. */
  stored?: Message[];
  tenant?: Tenant | null;
  state?: ConversationState;
  respond?: (request: AiRequest) => Promise<AiReply>;
  /** What storeAiReply returns: the new reply's id, or null when another run already answered. */
  storedReplyId?: string | null;
  /** With storedReplyId null: the all-or-nothing claim found one message answered elsewhere and claimed none. */
  claimLostPartly?: boolean;
  unsent?: Message[];
  /** Whether the plan still has AI replies this month (default: yes). */
  quotaRemaining?: boolean;
  /** What applyTransition returns (default: the move succeeds). */
  transitionApplies?: boolean;
  /** The tenant's own handoff acknowledgement (default: none set). */
  handoffAcknowledgement?: string | null;
  /** Another run holds the conversation. */
  lockBusy?: boolean;
}

/**
 * Builds the use case over strict fakes. The message fake keeps its rows in memory like the
 * database does: attach links a row to a conversation, and the conversation's history is read
 * back from those rows in the order the query asks for.
 */
function build(setup: Setup = {}) {
  const calls: Call[] = [];
  const rows = new Map<string, Message>((setup.stored ?? [message()]).map((m) => [m.id, { ...m }]));

  const directory = strict<TenantDirectory>('TenantDirectory', {
    findTenant: async (tenantId: string) => {
      calls.push(['directory.findTenant', tenantId]);
      return setup.tenant === undefined ? TENANT_ROW : setup.tenant;
    },
    upsertContact: async (tenantId: string, phone: string, details: { waId?: string; profileName?: string }) => {
      calls.push(['directory.upsertContact', tenantId, phone, details]);
      return CONTACT;
    },
  });

  const conversations = strict<ConversationRepository>('ConversationRepository', {
    openFor: async (tenantId: string, contactId: string, numberId: string) => {
      calls.push(['conversations.openFor', tenantId, contactId, numberId]);
      return conversation(setup.state ?? 'ACTIVE');
    },
    touch: async (tenantId: string, id: string, state?: ConversationState) => {
      calls.push(['conversations.touch', tenantId, id, state]);
    },
    applyTransition: async (tenantId: string, id: string, transition: Transition) => {
      calls.push(['conversations.applyTransition', tenantId, id, transition]);
      return setup.transitionApplies ?? true;
    },
  });

  const messages = strict<MessageRepository>('MessageRepository', {
    findById: async (tenantId: string, id: string) => {
      calls.push(['messages.findById', tenantId, id]);
      const row = rows.get(id);
      return row && row.tenantId === tenantId ? { ...row } : null;
    },
    attach: async (tenantId: string, id: string, conversationId: string, contactId: string) => {
      calls.push(['messages.attach', tenantId, id, conversationId, contactId]);
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, conversationId, contactId });
    },
    listForConversation: async (tenantId: string, conversationId: string, options: { limit: number; newestFirst?: boolean }) => {
      calls.push(['messages.listForConversation', tenantId, conversationId, options]);
      const chronological = [...rows.values()]
        .filter((m) => m.tenantId === tenantId && m.conversationId === conversationId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return (options.newestFirst ? chronological.reverse() : chronological).slice(0, options.limit);
    },
    storeAiReply: async (reply: AiReplyToStore) => {
      calls.push(['messages.storeAiReply', reply]);
      // Claimed by this run, or (null below) by another one: answered either way.
      for (const id of setup.claimLostPartly ? [] : [reply.inbound.id, ...(reply.alsoAnswers ?? [])]) {
        const row = rows.get(id);
        if (row) rows.set(id, { ...row, processedAt: new Date('2025-01-01T12:00:20Z') });
      }
      const id = setup.storedReplyId === undefined ? 'reply-1' : setup.storedReplyId;
      if (id === null) return null;
      return message({
        id,
        direction: 'outbound',
        author: reply.author,
        body: reply.body,
        conversationId: reply.conversationId,
        inReplyTo: reply.inbound.id,
        status: 'pending',
        providerSid: null,
        rawPayload: null,
      });
    },
    markProcessed: async (tenantId: string, id: string) => {
      calls.push(['messages.markProcessed', tenantId, id]);
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, processedAt: new Date('2025-01-01T12:00:20Z') });
      return true;
    },
    // Kept out of `calls`: the burst query and the run lock are checked on their own below.
    findUnanswered: async (tenantId: string, from: { whatsappNumberId: string; fromAddress: string }) =>
      [...rows.values()]
        .filter((m) => m.tenantId === tenantId && m.direction === 'inbound' && !m.processedAt && m.whatsappNumberId === from.whatsappNumberId && m.fromAddress === from.fromAddress)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((m) => ({ ...m })),
    findUnsentReplies: async (tenantId: string, inboundId: string) => {
      calls.push(['messages.findUnsentReplies', tenantId, inboundId]);
      return setup.unsent ?? [];
    },
  });

  const ai = strict<AiResponder>('AiResponder', {
    respond: async (request: AiRequest) => {
      calls.push(['ai.respond', request]);
      return setup.respond ? setup.respond(request) : AI_REPLY;
    },
    fallback: (request: AiRequest, error: unknown) => {
      calls.push(['ai.fallback', request, error]);
      return FALLBACK_REPLY;
    },
    recordAudit: async (refs: { tenantId: string; conversationId: string; inboundMessageId: string; replyMessageId: string | null }, audit: AiAudit) => {
      calls.push(['ai.recordAudit', refs, audit]);
    },
  });

  const outbound = strict<OutboundDispatcher>('OutboundDispatcher', {
    dispatch: async (job: { tenantId: string; messageId: string; correlationId: string }) => {
      calls.push(['outbound.dispatch', job]);
    },
  });

  const quota = strict<AiQuota>('AiQuota', {
    reserveReply: async (tenantId: string) => {
      calls.push(['quota.reserveReply', tenantId]);
      return setup.quotaRemaining ?? true;
    },
    recordTokens: async (tenantId: string, tokens: { prompt: number; completion: number; costUsd: number }) => {
      calls.push(['quota.recordTokens', tenantId, tokens]);
    },
  });

  const uow = strict<TenantTransaction>('TenantTransaction', {
    run: async (tenantId: string, work: () => Promise<unknown>) => {
      calls.push(['uow.run', tenantId]);
      return work();
    },
  });

  const notifier = strict<ConversationNotifier>('ConversationNotifier', {
    messageStored: async (tenantId: string, messageId: string): Promise<MessageRecord | null> => {
      calls.push(['notify.messageStored', tenantId, messageId]);
      return null;
    },
  });

  const settings = strict<ConversationSettingsRepository>('ConversationSettingsRepository', {
    find: async (tenantId: string) => {
      calls.push(['settings.find', tenantId]);
      return setup.handoffAcknowledgement ? { ...DEFAULT_CONVERSATION_SETTINGS, handoffAcknowledgement: setup.handoffAcknowledgement } : null;
    },
  });

  const handoffQueue = strict<HandoffQueue>('HandoffQueue', {
    entered: async (tenantId: string, conversationId: string) => {
      calls.push(['handoffQueue.entered', tenantId, conversationId]);
    },
  });

  const locator = new ConversationLocator(directory, conversations, messages, notifier);
  const publisher = new ReplyPublisher(messages, uow, quota, ai, new ConversationMessenger(messages, notifier, outbound));
  const handoff = new HandOffConversation(conversations, quota, publisher, settings, handoffQueue);
  const lockEvents: string[] = [];
  const lock = strict<ConversationRunLock>('ConversationRunLock', {
    tryAcquire: async (key: string) => {
      if (setup.lockBusy) return null;
      lockEvents.push(`acquire ${key}`);
      return { fencingToken: 1, release: async () => void lockEvents.push(`release ${key}`) };
    },
  });
  const useCase = new AnswerInboundMessage(locator, messages, ai, publisher, handoff, lock);
  const names = () => calls.map((call) => call[0]);
  const only = <N extends Call[0]>(name: N) => calls.filter((call): call is Extract<Call, [N, ...unknown[]]> => call[0] === name);
  return { useCase, calls, names, only, lockEvents, rows };
}

function command(overrides: Partial<AnswerInboundCommand> = {}): AnswerInboundCommand {
  return { tenantId: TENANT, inboundMessageId: INBOUND_ID, correlationId: CORRELATION, isLastAttempt: false, isFirstAttempt: true, ...overrides };
}

describe('AnswerInboundMessage', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('a new inbound the AI may answer', () => {
    it.each(['ACTIVE', 'WAITING_USER'] as const)(
      'answers in a %s conversation: contact, conversation, history, AI, stored reply, audit, then dispatch',
      async (state) => {
        const { useCase, names } = build({ state });

        await useCase.execute(command());

        expect(names()).toEqual([
          'messages.findById',
          'directory.findTenant',
          'directory.upsertContact',
          'conversations.openFor',
          'messages.attach',
          'conversations.touch',
          'notify.messageStored',
          'quota.reserveReply',
          'ai.respond',
          'uow.run',
          'messages.storeAiReply',
          'quota.recordTokens',
          'ai.recordAudit',
          'notify.messageStored',
          'outbound.dispatch',
        ]);
      },
    );

    it('stores the reply against the contact and conversation the inbound was just attached to', async () => {
      const { useCase, only } = build();
      await useCase.execute(command());
      const [[, stored]] = only('messages.storeAiReply') as [string, { inbound: { id: string; conversationId: string; contactId: string } }][];
      expect(stored.inbound).toMatchObject({ id: INBOUND_ID, conversationId: 'conv-1', contactId: CONTACT.id });
    });

    it('loads the inbound by its id within the job\'s tenant', async () => {
      const { useCase, only } = build();

      await useCase.execute(command());

      expect(only('messages.findById')).toEqual([['messages.findById', TENANT, INBOUND_ID]]);
    });

    it('upserts the contact by the phone without the "whatsapp:" prefix, with WaId and ProfileName from the payload', async () => {
      const { useCase, only } = build();

      await useCase.execute(command());

      expect(only('directory.upsertContact')).toEqual([
        ['directory.upsertContact', TENANT, '+5511999990000', { waId: '5511999990000', profileName: 'Maria' }],
      ]);
    });

    it('upserts the contact without WaId or ProfileName when the payload has them missing, empty or not text', async () => {
      const { useCase, only } = build({
        stored: [message({ rawPayload: { MessageSid: 'SM0123456789abcdef0123456789abcdef', WaId: '', ProfileName: ['Maria'] } })],
      });

      await useCase.execute(command());

      expect(only('directory.upsertContact')).toEqual([['directory.upsertContact', TENANT, '+5511999990000', {}]]);
    });

    it('upserts the contact from an inbound stored without a raw payload', async () => {
      const { useCase, only } = build({ stored: [message({ rawPayload: null })] });

      await useCase.execute(command());

      expect(only('directory.upsertContact')).toEqual([['directory.upsertContact', TENANT, '+5511999990000', {}]]);
    });

    it('attaches the inbound to the open conversation of its contact on the number it was sent to', async () => {
      const { useCase, only } = build();

      await useCase.execute(command());

      expect(only('conversations.openFor')).toEqual([['conversations.openFor', TENANT, CONTACT.id, NUMBER_ID]]);
      expect(only('messages.attach')).toEqual([['messages.attach', TENANT, INBOUND_ID, 'conv-1', CONTACT.id]]);
    });

    it('asks the AI with the tenant\'s name, the conversation and the contact', async () => {
      const { useCase, only } = build();

      await useCase.execute(command());

      const [[, request]] = only('ai.respond');
      expect(request).toMatchObject({ tenantId: TENANT, tenantName: 'Barbearia do Zé', conversationId: 'conv-1', contact: { id: CONTACT.id, name: 'Maria' } });
    });

    it('gives the AI the message being answered; the conversation window is the engine\'s own memory', async () => {
      const { useCase, only } = build({ stored: [...earlierTurns(3), message()] });

      await useCase.execute(command());

      const [[, request]] = only('ai.respond');
      expect(request.inbound).toEqual({ messageId: INBOUND_ID, body: 'Qual o horário de hoje?', at: message().createdAt });
      expect(only('messages.listForConversation')).toEqual([]);
    });

    it('stores the AI\'s text as a reply by author "ai" to the inbound, in its conversation, with the job\'s correlation id', async () => {
      const { useCase, only } = build();

      await useCase.execute(command({ correlationId: 'corr-job' }));

      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ tenantId: TENANT, conversationId: 'conv-1', author: 'ai', body: AI_REPLY.text, correlationId: 'corr-job' });
      expect(stored.inbound.id).toBe(INBOUND_ID);
    });

    it('records the AI\'s audit against the stored reply\'s id, shows the reply to the consoles, then dispatches it', async () => {
      const { useCase, calls } = build({ storedReplyId: 'reply-77' });

      await useCase.execute(command({ correlationId: 'corr-job' }));

      expect(calls.slice(-3)).toEqual([
        ['ai.recordAudit', { tenantId: TENANT, conversationId: 'conv-1', inboundMessageId: INBOUND_ID, replyMessageId: 'reply-77' }, AI_AUDIT],
        ['notify.messageStored', TENANT, 'reply-77'],
        ['outbound.dispatch', { tenantId: TENANT, messageId: 'reply-77', correlationId: 'corr-job' }],
      ]);
    });

    it("stores the AI's own answer only while the AI still owns the conversation (a person may have taken over meanwhile)", async () => {
      const { useCase, only } = build();

      await useCase.execute(command());

      expect(only('messages.storeAiReply')[0]?.[1].onlyWhileAiOwned).toBe(true);
    });

    it('shows the customer message to the consoles once it belongs to its conversation', async () => {
      const { useCase, names, only } = build();

      await useCase.execute(command());

      expect(only('notify.messageStored')[0]).toEqual(['notify.messageStored', TENANT, INBOUND_ID]);
      expect(names().indexOf('notify.messageStored')).toBeGreaterThan(names().indexOf('messages.attach'));
    });

    it('neither audits nor dispatches when another run already stored the reply', async () => {
      const { useCase, names } = build({ storedReplyId: null });

      await useCase.execute(command());

      // The discarded run checks its inbound was answered (by the other run) before the job ends.
      expect(names().slice(-4)).toEqual(['ai.respond', 'uow.run', 'messages.storeAiReply', 'messages.findById']);
      expect(names()).not.toContain('quota.recordTokens');
      expect(names()).not.toContain('ai.recordAudit');
      expect(names()).not.toContain('outbound.dispatch');
    });
  });

  describe('when the plan has no AI replies left this month', () => {
    it('hands the conversation to a human with the reason, tells the customer once, and never asks the AI', async () => {
      const { useCase, names, only } = build({ quotaRemaining: false });

      await useCase.execute(command());

      expect(only('conversations.applyTransition')).toEqual([
        ['conversations.applyTransition', TENANT, 'conv-1', { from: 'ACTIVE', to: 'HANDOFF_PENDING', actor: { type: 'system' }, reason: 'plan_limit_reached' }],
      ]);
      expect(names()).not.toContain('ai.respond');
      expect(names()).not.toContain('quota.recordTokens');
      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ author: 'system', inbound: { id: INBOUND_ID } });
      expect(stored.body).toContain('atendente');
      expect(stored.onlyWhileAiOwned).toBeUndefined();
      expect(names().slice(-3)).toEqual(['notify.messageStored', 'outbound.dispatch', 'handoffQueue.entered']);
      expect(only('handoffQueue.entered')).toEqual([['handoffQueue.entered', TENANT, 'conv-1']]);
      expect(names()).not.toContain('ai.recordAudit');
    });

    it("tells the customer in the tenant's own words when it set an acknowledgement", async () => {
      const { useCase, only } = build({ quotaRemaining: false, handoffAcknowledgement: 'Já já uma pessoa da Barbearia te responde.' });

      await useCase.execute(command());

      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ author: 'system', body: 'Já já uma pessoa da Barbearia te responde.' });
    });

    it('stays silent when another actor moved the conversation first: the inbound is just marked handled', async () => {
      const { useCase, names } = build({ quotaRemaining: false, transitionApplies: false });

      await useCase.execute(command());

      expect(names().slice(-2)).toEqual(['conversations.applyTransition', 'messages.markProcessed']);
      expect(names()).not.toContain('messages.storeAiReply');
      expect(names()).not.toContain('outbound.dispatch');
      expect(names()).not.toContain('handoffQueue.entered');
    });

    it('adds no tokens for a fallback reply (the AI failed)', async () => {
      const { useCase, names } = build({ respond: () => Promise.reject(new Error('down')) });

      await useCase.execute(command({ isLastAttempt: true }));

      expect(names()).toContain('messages.storeAiReply');
      expect(names()).not.toContain('quota.recordTokens');
    });

    it('reserves the reply on the first attempt only: a retried job reuses that reservation', async () => {
      const { useCase, names } = build();

      await useCase.execute(command({ isFirstAttempt: false }));

      expect(names()).not.toContain('quota.reserveReply');
      expect(names()).toContain('ai.respond');
    });

    it('records the tokens of the AI reply in the transaction that stores it', async () => {
      const { useCase, names, only } = build();

      await useCase.execute(command());

      const at = names().indexOf('uow.run');
      expect(names().slice(at, at + 3)).toEqual(['uow.run', 'messages.storeAiReply', 'quota.recordTokens']);
      expect(only('quota.recordTokens')).toEqual([['quota.recordTokens', TENANT, { prompt: 120, completion: 30, costUsd: 0 }]]);
    });

    it("adds the run's estimated cost to the month's usage with its tokens", async () => {
      const { useCase, only } = build({ respond: async () => ({ ...AI_REPLY, audit: { ...AI_AUDIT, costUsd: 0.000123 } }) });

      await useCase.execute(command());

      expect(only('quota.recordTokens')).toEqual([['quota.recordTokens', TENANT, { prompt: 120, completion: 30, costUsd: 0.000123 }]]);
    });
  });

  describe('when the engine says a person should take over', () => {
    const HANDOFF_REPLY: AiReply = {
      text: 'Entendi, vou chamar uma pessoa da equipe.',
      audit: { provider: 'rules', model: 'request-for-a-person', promptTokens: 0, completionTokens: 0, latencyMs: 0, outcome: 'handed_off' },
      handoff: { reason: 'customer_requested' },
    };

    it("hands the conversation over as the AI's decision, sends the engine's acknowledgement once, and audits it", async () => {
      const { useCase, names, only } = build({ respond: async () => HANDOFF_REPLY });

      await useCase.execute(command());

      expect(only('conversations.applyTransition')).toEqual([
        ['conversations.applyTransition', TENANT, 'conv-1', { from: 'ACTIVE', to: 'HANDOFF_PENDING', actor: { type: 'ai' }, reason: 'customer_requested' }],
      ]);
      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ author: 'ai', body: HANDOFF_REPLY.text });
      expect(only('ai.recordAudit').map(([, , audit]) => audit.outcome)).toEqual(['handed_off']);
      expect(names().slice(-2)).toEqual(['outbound.dispatch', 'handoffQueue.entered']);
    });

    it("sends the tenant's own acknowledgement instead of the engine's words, still auditing the run", async () => {
      const { useCase, only } = build({ respond: async () => HANDOFF_REPLY, handoffAcknowledgement: 'Um momento, já chamo alguém.' });

      await useCase.execute(command());

      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ author: 'system', body: 'Um momento, já chamo alguém.' });
      expect(only('ai.recordAudit').map(([, , audit]) => audit.outcome)).toEqual(['handed_off']);
    });
  });

  describe('when the AI must stay silent', () => {
    it.each(['HANDOFF_PENDING', 'HUMAN_ACTIVE'] as const)(
      'stores an inbound in a %s conversation and marks it processed without asking the AI or sending',
      async (state) => {
        const { useCase, calls } = build({ state });

        await useCase.execute(command());

        expect(calls).toEqual([
          ['messages.findById', TENANT, INBOUND_ID],
          ['directory.findTenant', TENANT],
          ['directory.upsertContact', TENANT, '+5511999990000', { waId: '5511999990000', profileName: 'Maria' }],
          ['conversations.openFor', TENANT, CONTACT.id, NUMBER_ID],
          ['messages.attach', TENANT, INBOUND_ID, 'conv-1', CONTACT.id],
          ['conversations.touch', TENANT, 'conv-1', undefined],
          ['notify.messageStored', TENANT, INBOUND_ID],
          ['messages.markProcessed', TENANT, INBOUND_ID],
        ]);
      },
    );

    it('stores an inbound for a suspended tenant and marks it processed without asking the AI or sending', async () => {
      const { useCase, names } = build({ tenant: { ...TENANT_ROW, status: 'suspended' } });

      await useCase.execute(command());

      expect(names()).toEqual([
        'messages.findById',
        'directory.findTenant',
        'directory.upsertContact',
        'conversations.openFor',
        'messages.attach',
        'conversations.touch',
        'notify.messageStored',
        'messages.markProcessed',
      ]);
    });

    it('marks an inbound processed without asking the AI or sending when its tenant no longer exists', async () => {
      const { useCase, names } = build({ tenant: null });

      await useCase.execute(command());

      expect(names()).toContain('messages.markProcessed');
      expect(names()).not.toContain('ai.respond');
      expect(names()).not.toContain('messages.storeAiReply');
      expect(names()).not.toContain('outbound.dispatch');
    });
  });

  describe('a retried job', () => {
    it('does not ask the AI again for an inbound already processed, and re-dispatches each unsent reply', async () => {
      const unsent = [
        message({ id: 'reply-1', direction: 'outbound', author: 'ai', status: 'pending', inReplyTo: INBOUND_ID }),
        message({ id: 'reply-2', direction: 'outbound', author: 'system', status: 'pending', inReplyTo: INBOUND_ID }),
      ];
      const { useCase, calls } = build({ stored: [message({ processedAt: new Date('2025-01-01T12:00:12Z') })], unsent });

      await useCase.execute(command({ correlationId: 'corr-retry' }));

      expect(calls).toEqual([
        ['messages.findById', TENANT, INBOUND_ID],
        ['messages.findUnsentReplies', TENANT, INBOUND_ID],
        ['outbound.dispatch', { tenantId: TENANT, messageId: 'reply-1', correlationId: 'corr-retry' }],
        ['outbound.dispatch', { tenantId: TENANT, messageId: 'reply-2', correlationId: 'corr-retry' }],
      ]);
    });

    it('does nothing more for an already processed inbound whose replies were all sent', async () => {
      const { useCase, names } = build({ stored: [message({ processedAt: new Date('2025-01-01T12:00:12Z') })], unsent: [] });

      await useCase.execute(command());

      expect(names()).toEqual(['messages.findById', 'messages.findUnsentReplies']);
    });

    it('drops the job when the inbound message does not exist', async () => {
      const { useCase, names } = build({ stored: [] });

      await expect(useCase.execute(command())).resolves.toBe('done');
      expect(names()).toEqual(['messages.findById']);
    });

    it('drops the job when the message id belongs to another tenant', async () => {
      const { useCase, names } = build({ stored: [message({ tenantId: 'tenant-2' })] });

      await useCase.execute(command());

      expect(names()).toEqual(['messages.findById']);
    });

    it('drops the job when the message id is an outbound message', async () => {
      const { useCase, names } = build({ stored: [message({ direction: 'outbound', author: 'ai', status: 'pending' })] });

      await useCase.execute(command());

      expect(names()).toEqual(['messages.findById']);
    });
  });

  describe('when the AI fails', () => {
    it('rethrows the error before the last attempt so the queue retries, storing and sending nothing', async () => {
      const failure = new Error('upstream 503');
      const { useCase, names } = build({ respond: async () => Promise.reject(failure) });

      await expect(useCase.execute(command({ isLastAttempt: false }))).rejects.toBe(failure);

      expect(names().at(-1)).toBe('ai.respond');
      for (const name of ['ai.fallback', 'messages.storeAiReply', 'messages.markProcessed', 'ai.recordAudit', 'outbound.dispatch'] as const) {
        expect(names()).not.toContain(name);
      }
    });

    it('answers with the fallback on the last attempt: stored by author "system", audited as failed, then dispatched', async () => {
      const failure = new Error('upstream 503');
      const { useCase, calls, only } = build({ respond: async () => Promise.reject(failure), storedReplyId: 'reply-fb' });

      await expect(useCase.execute(command({ isLastAttempt: true }))).resolves.toBe('done');

      const [[, asked]] = only('ai.respond');
      expect(only('ai.fallback')).toEqual([['ai.fallback', asked, failure]]);
      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ author: 'system', body: FALLBACK_REPLY.text, conversationId: 'conv-1', correlationId: CORRELATION });
      expect(calls.slice(-4).map((call) => call[0])).toEqual(['messages.storeAiReply', 'ai.recordAudit', 'notify.messageStored', 'outbound.dispatch']);
      expect(only('ai.recordAudit')).toEqual([
        ['ai.recordAudit', { tenantId: TENANT, conversationId: 'conv-1', inboundMessageId: INBOUND_ID, replyMessageId: 'reply-fb' }, FALLBACK_AUDIT],
      ]);
      expect(only('ai.recordAudit')[0]?.[2].outcome).toBe('failed');
      expect(only('outbound.dispatch')).toEqual([['outbound.dispatch', { tenantId: TENANT, messageId: 'reply-fb', correlationId: CORRELATION }]]);
    });

    it('does not use the fallback when the AI answers on the last attempt', async () => {
      const { useCase, names, only } = build();

      await useCase.execute(command({ isLastAttempt: true }));

      expect(names()).not.toContain('ai.fallback');
      expect(only('messages.storeAiReply')[0]?.[1].author).toBe('ai');
    });
  });

  describe('a burst: several unanswered messages from the contact, one run', () => {
    const burst = () => [
      message({ id: 'msg-a', body: 'Oi', createdAt: new Date('2025-01-01T12:00:08Z') }),
      message({ id: 'msg-b', body: 'Vocês abrem sábado?', createdAt: new Date('2025-01-01T12:00:09Z') }),
      message({ id: INBOUND_ID, body: 'E até que horas?', createdAt: new Date('2025-01-01T12:00:10Z') }),
    ];

    it('answers all of them with one AI call and one reply to the newest; the others are its context and are handled with it', async () => {
      const { useCase, only, rows } = build({ stored: burst() });

      await expect(useCase.execute(command({ inboundMessageId: 'msg-a' }))).resolves.toBe('done');

      const [[, asked]] = only('ai.respond');
      expect(asked.inbound).toEqual({ messageId: INBOUND_ID, body: 'E até que horas?', at: new Date('2025-01-01T12:00:10Z') });
      expect(asked.earlier).toEqual([
        { messageId: 'msg-a', body: 'Oi', at: new Date('2025-01-01T12:00:08Z') },
        { messageId: 'msg-b', body: 'Vocês abrem sábado?', at: new Date('2025-01-01T12:00:09Z') },
      ]);
      expect(only('messages.attach').map((call) => call[2])).toEqual(['msg-a', 'msg-b', INBOUND_ID]);
      expect(only('notify.messageStored').map((call) => call[2])).toEqual(['msg-a', 'msg-b', INBOUND_ID, 'reply-1']);
      const [[, stored]] = only('messages.storeAiReply');
      expect(stored.inbound.id).toBe(INBOUND_ID);
      expect(stored.alsoAnswers).toEqual(['msg-a', 'msg-b']);
      expect(only('ai.recordAudit').map((call) => call[1].inboundMessageId)).toEqual([INBOUND_ID]);
      expect(only('outbound.dispatch')).toHaveLength(1);
      expect([...rows.values()].every((m) => m.processedAt)).toBe(true);
    });

    it('retries when the newest message was answered elsewhere during the run (an opt-out keyword) but an earlier one was not', async () => {
      let rowsOfRun: Map<string, Message> | undefined;
      const { useCase, rows } = build({
        stored: burst(),
        storedReplyId: null,
        claimLostPartly: true,
        respond: async () => {
          const newest = rowsOfRun!.get(INBOUND_ID)!;
          rowsOfRun!.set(INBOUND_ID, { ...newest, processedAt: new Date('2025-01-01T12:00:11Z') });
          return AI_REPLY;
        },
      });
      rowsOfRun = rows;

      await expect(useCase.execute(command({ inboundMessageId: 'msg-a' }))).rejects.toThrow('the burst changed during the run');
      expect(rows.get('msg-a')?.processedAt).toBeNull();
    });

    it("ends a later job of the burst without a second AI call: the first run answered its message", async () => {
      const { useCase, names } = build({ stored: burst() });
      await useCase.execute(command({ inboundMessageId: 'msg-a' }));
      const before = names().length;

      await useCase.execute(command({ inboundMessageId: 'msg-b' }));

      expect(names().slice(before)).toEqual(['messages.findById', 'messages.findUnsentReplies']);
    });

    it('holds the conversation run lock, keyed by tenant, number and contact, for the whole run', async () => {
      const { useCase, lockEvents } = build({ stored: burst() });
      await useCase.execute(command());
      expect(lockEvents).toEqual([`acquire ${TENANT}:${NUMBER_ID}:whatsapp:+5511999990000`, `release ${TENANT}:${NUMBER_ID}:whatsapp:+5511999990000`]);
    });

    it('releases the lock when the AI fails, so the retry (or the next job) can run', async () => {
      const { useCase, lockEvents } = build({ respond: async () => Promise.reject(new Error('upstream 503')) });
      await expect(useCase.execute(command())).rejects.toThrow('upstream 503');
      expect(lockEvents.map((e) => e.split(' ')[0])).toEqual(['acquire', 'release']);
    });

    it('reports busy and touches nothing while another run holds the conversation', async () => {
      const { useCase, names } = build({ stored: burst(), lockBusy: true });
      await expect(useCase.execute(command())).resolves.toBe('busy');
      expect(names()).toEqual(['messages.findById']);
    });

    it('marks every message of the burst handled when a person owns the conversation', async () => {
      const { useCase, only, names } = build({ stored: burst(), state: 'HUMAN_ACTIVE' });
      await useCase.execute(command());
      expect(only('messages.markProcessed').map((call) => call[2])).toEqual(['msg-a', 'msg-b', INBOUND_ID]);
      expect(names()).not.toContain('ai.respond');
    });

    it('hands the whole burst to a person with one acknowledgement when the engine asks for one', async () => {
      const { useCase, only } = build({ stored: burst(), respond: async () => ({ ...AI_REPLY, handoff: { reason: 'router_requested_human' } }) });
      await useCase.execute(command());
      const [[, stored]] = only('messages.storeAiReply');
      expect(stored).toMatchObject({ inbound: { id: INBOUND_ID }, alsoAnswers: ['msg-a', 'msg-b'] });
    });
  });
});
