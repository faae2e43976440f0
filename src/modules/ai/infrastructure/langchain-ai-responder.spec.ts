import { Logger } from '@nestjs/common';
import type { AppConfig } from '@core/config/app-config';
import type { ScopedDb } from '@core/database/scoped-db';
import type { AiRequest } from '@modules/conversation/application/ports/ai-responder.port';
import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { strict } from '@test/support/strict-fake';
import type { KnowledgeBaseQueries } from '../application/knowledge-base/knowledge-base-queries';
import { LOCAL_ANSWER_MIN_SCORE } from '../domain/knowledge-base/extractive-answer';
import type { KbSearchHit } from '../domain/knowledge-base/knowledge-base';
import { ChatModelFactory } from './chat-model.factory';
import { LangChainAiResponder } from './langchain-ai-responder';

const TENANT = 'tenant-1';
const HOURS: KbSearchHit = {
  chunkId: 'chunk-hours',
  documentId: 'doc-1',
  title: 'Horários',
  position: 0,
  content: 'Atendemos com hora marcada. Nosso horário de funcionamento é das 9h às 18h.',
  score: LOCAL_ANSWER_MIN_SCORE + 0.1,
};

function request(text: string): AiRequest {
  return {
    tenantId: TENANT,
    tenantName: 'Loja',
    conversationId: 'conv-1',
    contact: { id: 'contact-1', name: null },
    history: [{ author: 'contact', body: text, at: new Date(0) }],
  };
}

function build(options: { enabled?: boolean; search: (question: string) => Promise<KbSearchHit[]> }) {
  const calls: string[] = [];
  const flags = strict<FeatureFlags>('flags', {
    isEnabled: async (tenantId: string, flag: string) => {
      calls.push(`flags.isEnabled:${tenantId}:${flag}`);
      return options.enabled ?? true;
    },
  });
  const knowledge = strict<KnowledgeBaseQueries>('knowledgeBase', {
    search: async (tenantId: string, question: string, limit: number) => {
      calls.push(`kb.search:${tenantId}:${question}:${limit}`);
      return options.search(question);
    },
  });
  const models = new ChatModelFactory({ llmProvider: 'local' } as AppConfig);
  const responder = new LangChainAiResponder(models, strict<ScopedDb>('db', {}), knowledge, flags);
  return { responder, calls };
}

describe('LangChainAiResponder with the local provider and the knowledge base', () => {
  afterEach(() => jest.restoreAllMocks());

  it('searches the top 4 chunks for the last customer message and quotes the best one, citing its id', async () => {
    const { responder, calls } = build({ search: async () => [HOURS] });
    const reply = await responder.respond(request('Qual o horário de funcionamento?'));
    expect(calls).toEqual([`flags.isEnabled:${TENANT}:knowledge_base`, `kb.search:${TENANT}:Qual o horário de funcionamento?:4`]);
    expect(reply.text).toBe('Segundo nossas informações: "Nosso horário de funcionamento é das 9h às 18h."');
    expect(reply.audit).toMatchObject({ provider: 'local', outcome: 'answered', retrievedChunkIds: ['chunk-hours'] });
  });

  it('says it cannot answer, citing nothing, when the best chunk scores below the threshold', async () => {
    const { responder } = build({ search: async () => [{ ...HOURS, score: LOCAL_ANSWER_MIN_SCORE - 0.01 }] });
    const reply = await responder.respond(request('Qual o horário de funcionamento?'));
    expect(reply.text).toContain('Ainda não sei responder a isso com segurança');
    expect(reply.audit.retrievedChunkIds).toEqual([]);
  });

  it('answers without the knowledge base, logging a warning, when the search throws', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { responder } = build({
      search: async () => {
        throw new Error('pgvector is down');
      },
    });
    const reply = await responder.respond(request('Qual o horário de funcionamento?'));
    expect(reply.text).toContain('Ainda não sei responder a isso com segurança');
    expect(reply.audit).toMatchObject({ outcome: 'answered', retrievedChunkIds: [] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('pgvector is down'));
  });

  it('does not search when the tenant has the knowledge_base flag off', async () => {
    const { responder, calls } = build({ enabled: false, search: async () => [HOURS] });
    const reply = await responder.respond(request('Qual o horário de funcionamento?'));
    expect(calls).toEqual([`flags.isEnabled:${TENANT}:knowledge_base`]);
    expect(reply.audit.retrievedChunkIds).toEqual([]);
  });

  it('hands an explicit request for a person over before any lookup', async () => {
    const { responder, calls } = build({ search: async () => [HOURS] });
    const reply = await responder.respond(request('quero falar com um atendente'));
    expect(calls).toEqual([]);
    expect(reply.handoff).toEqual({ reason: 'customer_requested' });
  });

  it('keeps greeting a greeting even when a chunk is close', async () => {
    const { responder } = build({ search: async () => [{ ...HOURS, score: 0.9 }] });
    const reply = await responder.respond(request('Oi'));
    expect(reply.text).toBe('Olá! Sou o assistente virtual de Loja. Como posso ajudar?');
    expect(reply.audit.retrievedChunkIds).toEqual([]);
  });
});
