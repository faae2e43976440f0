import { Injectable } from '@nestjs/common';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { ConversationRouter, LlmUsage, RouteDecision, RouteInput } from '../../application/engine/engine.ports';
import { LlmCallGuard } from '../../application/llm-call-guard';
import type { MemoryTurn } from '../../domain/memory/memory';
import { ROUTE_TOOL_NAME } from '../local-chat-model';
import { ChatModels } from './chat-models';
import { invokeWithFallback } from './guarded-invoke';
import { usageOf } from './usage';

/** One structured-output call (a forced `route_conversation` tool call validated by zod) picks the specialist. */
@Injectable()
export class LangChainRouter extends ConversationRouter {
  constructor(
    private readonly models: ChatModels,
    private readonly guard: LlmCallGuard,
  ) {
    super();
  }

  async route(input: RouteInput): Promise<{ decision: RouteDecision; usage: LlmUsage[] }> {
    const slugs = input.specialists.map((s) => s.slug) as [string, ...string[]];
    const schema = z
      .object({
        specialist: z.enum(slugs).describe('The slug of the specialist who should answer'),
        confidence: z.number().min(0).max(1).describe('How sure you are that this specialist can help (0 to 1)'),
        needsHuman: z.boolean().describe('True only when a person from the team must take over'),
        reason: z.string().max(300).describe('One short sentence: why'),
      })
      .describe('Route the customer message to one specialist, or to a person');
    const primary = this.models.primary({ tenantName: input.tenantName, contactName: input.contactName, specialists: input.specialists });
    const result = await invokeWithFallback(this.guard, primary, this.models.fallback(), async (chosen) => {
      const structured = chosen.model.withStructuredOutput(schema, { name: ROUTE_TOOL_NAME, method: 'functionCalling', includeRaw: true });
      const output = await structured.invoke(routerPrompt(input));
      return { ...output, chosen };
    });
    const usage = [usageOf(result.raw as AIMessage, this.models.provider, result.chosen.name)];
    return { decision: result.parsed ? clamp(result.parsed) : unreadable(slugs[0]), usage };
  }
}

/** A model that did not follow the schema is not trusted with the customer: zero confidence hands off. */
function unreadable(fallbackSlug: string): RouteDecision {
  return { specialist: fallbackSlug, confidence: 0, needsHuman: false, reason: 'the router answer did not match the schema' };
}

function clamp(decision: RouteDecision): RouteDecision {
  return { ...decision, confidence: Math.min(1, Math.max(0, decision.confidence)), reason: decision.reason.slice(0, 300) };
}

function routerPrompt(input: RouteInput): BaseMessage[] {
  const list = input.specialists.map((s) => `- ${s.slug}: ${s.name}. ${s.description}`).join('\n');
  const system = new SystemMessage(
    `You route WhatsApp messages sent to ${input.tenantName}. Choose the one specialist best suited to answer the customer's last message:\n${list}\n\n` +
      `Call ${ROUTE_TOOL_NAME}. Set needsHuman to true only when a person must take over: the customer asks for one, is very upset, ` +
      `or the request needs a human decision (legal threats, exceptions to policy). Confidence below 0.5 means you are guessing.`,
  );
  return [system, ...input.turns.map(toMessage)];
}

/** The customer speaks as the user; the AI, agents and system replies as the assistant; the team's notes as system text. */
export function toMessage(turn: MemoryTurn): BaseMessage {
  const body = turn.body.trim() || '[a message without text]';
  if (turn.messageId.startsWith(NOTE_TURN_PREFIX)) return new SystemMessage(body);
  return turn.author === 'contact' ? new HumanMessage(body) : new AIMessage(body);
}

/** How the L2 history marks the team's release notes (see typeorm-conversation-history.ts). */
const NOTE_TURN_PREFIX = 'note:';
