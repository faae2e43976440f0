import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import type { AiRequest } from '@modules/conversation/application/ports/ai-responder.port';
import { contextTokenBudget, trimToBudget } from '../../domain/context/token-budget';
import type { KbSearchHit } from '../../domain/knowledge-base/knowledge-base';
import { estimateTokens } from '../../domain/local-reply';
import type { MemoryTurn } from '../../domain/memory/memory';
import type { Specialist } from '../../domain/specialists/specialist';
import { KnowledgeBaseQueries } from '../knowledge-base/knowledge-base-queries';
import { questionOf, RunContext } from './engine-context';
import { SpecialistRunner } from './engine.ports';
import { LlmModels } from './llm-models.port';
import { SpecialistToolbox } from './specialist-toolbox';

const PRE_RETRIEVED_CHUNKS = 4;

/**
 * One specialist's turn: its plan-permitted tools, the closest knowledge passages in its prompt, the
 * window trimmed to the model's token budget, the agent run. Returns the model's text (still masked);
 * the run collects usage, tool calls and the chunks the answer stands on.
 */
@Injectable()
export class SpecialistAnswering {
  private readonly logger = new Logger(SpecialistAnswering.name);

  constructor(
    private readonly toolbox: SpecialistToolbox,
    private readonly knowledgeBase: KnowledgeBaseQueries,
    private readonly runner: SpecialistRunner,
    private readonly models: LlmModels,
    private readonly config: AppConfig,
  ) {}

  async answer(context: RunContext, specialist: Specialist, masked: MemoryTurn[]): Promise<string> {
    const { request, run } = context;
    const tools = await this.toolbox.toolsFor(specialist, { tenantId: request.tenantId, contactId: request.contact.id, conversationId: request.conversationId, run });
    const knowledge = tools.some((t) => t.name === 'search_knowledge_base') ? await this.retrieve(context) : [];
    const systemPrompt = systemPromptFor(specialist, request) + knowledgeSection(knowledge);
    const budget = contextTokenBudget(this.models.primaryModel, this.config.AI_CONTEXT_TOKEN_BUDGET);
    const turns = trimToBudget(masked, budget, estimateTokens(systemPrompt), estimateTokens);
    const output = await this.runner.run({ tenantName: request.tenantName, contactName: request.contact.name, systemPrompt, turns, tools });
    run.usage.push(...output.usage);
    if (output.groundedOn) {
      run.retrievedChunkIds.clear();
      output.groundedOn.forEach((id) => run.retrievedChunkIds.add(id));
    }
    return output.text;
  }

  /**
   * The passages closest to the question go into the prompt up front (one model call instead of a tool
   * round trip); the search tool stays available for anything else. Retrieval only improves an answer:
   * when it fails the question is answered without it.
   */
  private async retrieve(context: RunContext): Promise<KbSearchHit[]> {
    const { request, run } = context;
    try {
      const hits = await this.knowledgeBase.search(request.tenantId, run.mask(questionOf(request)), PRE_RETRIEVED_CHUNKS);
      hits.forEach((hit) => run.retrievedChunkIds.add(hit.chunkId));
      return hits;
    } catch (error) {
      this.logger.warn({ tenantId: request.tenantId, err: error }, 'knowledge-base retrieval failed; answering without it');
      return [];
    }
  }
}

function knowledgeSection(knowledge: KbSearchHit[]): string {
  if (knowledge.length === 0) return '';
  const passages = knowledge.map((hit, i) => `[${i + 1}] ${hit.title}\n${hit.content}`).join('\n\n');
  return (
    `\n\nPassages from the business's knowledge base that may answer the customer. They are the only facts about the business you may use; ` +
    `if they do not answer the question, search again or call request_human.\n\n${passages}`
  );
}

function systemPromptFor(specialist: Specialist, request: AiRequest): string {
  const customer = request.contact.name ? ` The customer's name is ${request.contact.name}.` : '';
  return (
    `${specialist.systemPrompt.trim()}\n\n` +
    `You answer WhatsApp messages for ${request.tenantName} as its "${specialist.name}" assistant.${customer} ` +
    `Today is ${new Date().toISOString().slice(0, 10)}. Reply in the customer's language, briefly. ` +
    `Use only facts from your tools and this conversation; if you cannot answer reliably, call request_human. ` +
    `Placeholders like [EMAIL_1] or [CPF_1] stand for the customer's data: keep them as they are.`
  );
}
