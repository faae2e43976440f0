import { Injectable } from '@nestjs/common';
import type { BuiltInTool } from '../../domain/tools/tool-names';
import { KnowledgeBaseQueries } from '../knowledge-base/knowledge-base-queries';
import { ContactMemories } from '../memory/contact-memories';
import type { EngineRun } from './engine-run';
import type { EngineTool } from './engine.ports';

const KB_TOP_K = 4;
const RECALL_TOP_K = 3;
const RECALL_MIN_SCORE = 0.15;

export interface ToolScope {
  tenantId: string;
  contactId: string;
  conversationId: string;
  run: EngineRun;
}

const queryArgument = (description: string) => ({
  type: 'object',
  properties: { query: { type: 'string', description } },
  required: ['query'],
  additionalProperties: false,
});

/** The tools every tenant may be given (its plan decides which): knowledge base, memories, a person. */
@Injectable()
export class BuiltInTools {
  constructor(
    private readonly knowledgeBase: KnowledgeBaseQueries,
    private readonly memories: ContactMemories,
  ) {}

  build(names: BuiltInTool[], scope: ToolScope): EngineTool[] {
    return names.map((name) => this[name](scope));
  }

  private search_knowledge_base(scope: ToolScope): EngineTool {
    return {
      name: 'search_knowledge_base',
      description: "Search the business's knowledge base (policies, products, hours, prices). Returns the most relevant passages with a similarity score.",
      parameters: queryArgument('What to look up, in the customer’s words'),
      run: async ({ query }) => {
        const hits = await this.knowledgeBase.search(scope.tenantId, String(query ?? ''), KB_TOP_K);
        hits.forEach((hit) => scope.run.retrievedChunkIds.add(hit.chunkId));
        const results = hits.map((h) => ({ chunkId: h.chunkId, title: h.title, content: h.content, score: round(h.score) }));
        return JSON.stringify({ results });
      },
    };
  }

  private remember_fact(scope: ToolScope): EngineTool {
    return {
      name: 'remember_fact',
      description: 'Remember a lasting fact the customer told about themself (name, preferences, allergies, address) for future conversations.',
      parameters: {
        type: 'object',
        properties: { fact: { type: 'string', description: 'The fact, as one short sentence' } },
        required: ['fact'],
        additionalProperties: false,
      },
      run: async ({ fact }) => {
        const stored = await this.memories.remember({
          tenantId: scope.tenantId,
          contactId: scope.contactId,
          conversationId: scope.conversationId,
          kind: 'fact',
          content: String(fact ?? ''),
        });
        return JSON.stringify({ remembered: true, alreadyKnown: !stored.created });
      },
    };
  }

  private recall_memories(scope: ToolScope): EngineTool {
    return {
      name: 'recall_memories',
      description: 'Recall what this customer told us in earlier conversations (facts and conversation summaries), most relevant first.',
      parameters: queryArgument('What to recall'),
      run: async ({ query }) => {
        const found = await this.memories.recall(scope.tenantId, scope.contactId, String(query ?? ''), { limit: RECALL_TOP_K, minScore: RECALL_MIN_SCORE });
        const memories = found.map((m) => ({ kind: m.kind, content: m.content, score: round(m.score), createdAt: m.createdAt.toISOString() }));
        return JSON.stringify({ memories });
      },
    };
  }

  private request_human(scope: ToolScope): EngineTool {
    return {
      name: 'request_human',
      description: 'Hand the conversation to a person from the team: when the customer asks for one, is upset, or you cannot answer reliably.',
      parameters: {
        type: 'object',
        properties: { reason: { type: 'string', description: 'Why a person should take over, in a few words' } },
        required: ['reason'],
        additionalProperties: false,
      },
      run: async ({ reason }) => {
        scope.run.humanRequested = String(reason ?? 'requested by the assistant').slice(0, 150);
        return JSON.stringify({ handedOff: true, instruction: 'Tell the customer briefly that a person from the team will continue.' });
      },
    };
  }
}

const round = (score: number): number => Math.round(score * 1000) / 1000;
