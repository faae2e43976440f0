import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { strict } from '@test/support/strict-fake';
import { ConversationNotFoundError } from '@modules/conversation/domain/conversation.errors';
import type { MemoryTurn } from '../../domain/memory/memory';
import type { ConversationHistory } from '../ports/conversation-history.port';
import type { ConversationSummarizer } from '../ports/conversation-summarizer.port';
import type { ContactMemories, RememberInput } from './contact-memories';
import { SUMMARY_MAX_TURNS, SummarizeConversation } from './summarize-conversation.use-case';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CONVERSATION = '22222222-2222-4222-8222-222222222222';
const CONTACT = '33333333-3333-4333-8333-333333333333';
const TURNS: MemoryTurn[] = [{ messageId: 'm1', author: 'contact', body: 'Quero um bolo para sábado', at: '2026-11-23T10:00:00.000Z' }];

function setup(options: { contactId?: string | null; summary?: string; created?: boolean; masking?: boolean; turns?: MemoryTurn[] } = {}) {
  const remembered: RememberInput[] = [];
  const summarized: MemoryTurn[][] = [];
  const history = strict<ConversationHistory>('history', {
    contactOf: async () => (options.contactId === undefined ? CONTACT : options.contactId),
    recent: async (_tenantId: string, _conversationId: string, limit: number) => {
      expect(limit).toBe(SUMMARY_MAX_TURNS);
      return options.turns ?? TURNS;
    },
  });
  const summarizer = strict<ConversationSummarizer>('summarizer', {
    summarize: async (turns: MemoryTurn[]) => {
      summarized.push(turns);
      return options.summary ?? 'Conversation on 2026-11-23: customer said: "Quero um bolo para sábado"';
    },
  });
  const memories = strict<ContactMemories>('memories', {
    remember: async (input: RememberInput) => {
      remembered.push(input);
      return { id: 'summary-1', created: options.created ?? true };
    },
  });
  const flags = strict<FeatureFlags>('flags', { isEnabled: async (_tenantId: string, flag: string) => flag === 'pii_masking' && (options.masking ?? false) });
  return { useCase: new SummarizeConversation(history, summarizer, memories, flags), remembered, summarized };
}

describe('SummarizeConversation', () => {
  it('masks personal data before the summarizer (an LLM provider) sees it, and stores the summary with it restored', async () => {
    const { useCase, remembered, summarized } = setup({
      masking: true,
      turns: [{ messageId: 'm1', author: 'contact', body: 'Meu e-mail é ana@example.com', at: '2026-11-23T10:00:00.000Z' }],
      summary: 'The customer gave the e-mail [EMAIL_1].',
    });
    await useCase.execute(TENANT, CONVERSATION);
    expect(summarized[0][0].body).toBe('Meu e-mail é [EMAIL_1]');
    expect(remembered[0].content).toBe('The customer gave the e-mail ana@example.com.');
  });

  it("stores the summary of the conversation's messages as a summary memory of its contact", async () => {
    const { useCase, remembered, summarized } = setup();
    await expect(useCase.execute(TENANT, CONVERSATION)).resolves.toEqual({ created: true });
    expect(summarized).toEqual([TURNS]);
    expect(remembered).toEqual([
      { tenantId: TENANT, contactId: CONTACT, conversationId: CONVERSATION, kind: 'summary', content: 'Conversation on 2026-11-23: customer said: "Quero um bolo para sábado"' },
    ]);
  });

  it('reports created false when the conversation already has its summary', async () => {
    await expect(setup({ created: false }).useCase.execute(TENANT, CONVERSATION)).resolves.toEqual({ created: false });
  });

  it('stores nothing when there is nothing to summarise', async () => {
    const { useCase, remembered } = setup({ summary: '  ' });
    await expect(useCase.execute(TENANT, CONVERSATION)).resolves.toEqual({ created: false });
    expect(remembered).toEqual([]);
  });

  it('refuses a conversation the tenant does not have', async () => {
    await expect(setup({ contactId: null }).useCase.execute(TENANT, CONVERSATION)).rejects.toBeInstanceOf(ConversationNotFoundError);
  });
});
