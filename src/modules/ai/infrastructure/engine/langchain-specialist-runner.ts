import { Injectable } from '@nestjs/common';
import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { createAgent, createMiddleware } from 'langchain';
import { EngineTool, SpecialistRunInput, SpecialistRunner, SpecialistRunOutput } from '../../application/engine/engine.ports';
import { LlmCallGuard } from '../../application/llm-call-guard';
import { LlmUnavailableError } from '../../application/llm-unavailable.error';
import { ChatModels, GuardedModel } from './chat-models';
import { toMessage } from './langchain-router';
import { usageOf } from './usage';

/** Model and tool steps one answer may take: enough for three tool rounds, never a loop. */
const RECURSION_LIMIT = 10;

/**
 * A specialist is a LangChain agent (createAgent): the specialist's system prompt, the tools the run
 * permits, and a middleware that sends every model call through the breaker and retry policy, with
 * the fallback model when the primary stays down.
 */
@Injectable()
export class LangChainSpecialistRunner extends SpecialistRunner {
  constructor(
    private readonly models: ChatModels,
    private readonly guard: LlmCallGuard,
  ) {
    super();
  }

  async run(input: SpecialistRunInput): Promise<SpecialistRunOutput> {
    const primary = this.models.primary({ tenantName: input.tenantName, contactName: input.contactName });
    const fallback = this.models.fallback();
    const agent = createAgent({
      model: primary.model,
      tools: input.tools.map(toLangChainTool),
      systemPrompt: input.systemPrompt,
      middleware: [this.resilience(primary, fallback), rejectedArguments(input.tools)],
    });
    const history = input.turns.map(toMessage);
    let state: { messages: BaseMessage[] };
    try {
      state = (await agent.invoke({ messages: history }, { recursionLimit: RECURSION_LIMIT })) as { messages: BaseMessage[] };
    } catch (error) {
      throw unwrapUnavailable(error) ?? error;
    }
    const answers = state.messages.slice(history.length).filter((m): m is AIMessage => AIMessage.isInstance(m));
    const final = answers[answers.length - 1];
    return {
      text: typeof final?.content === 'string' ? final.content : '',
      groundedOn: groundedOn(final),
      usage: answers.map((m) => usageOf(m, this.models.provider, modelOf(m, primary.name))),
    };
  }

  private resilience(primary: GuardedModel, fallback: GuardedModel | null) {
    return createMiddleware({
      name: 'AtendeResilience',
      wrapModelCall: async (request, handler) => {
        try {
          return await this.guard.run(primary.key, async () => handler(request));
        } catch (error) {
          if (!(error instanceof LlmUnavailableError) || !fallback) throw error;
          return this.guard.run(fallback.key, async () => handler({ ...request, model: fallback.model }));
        }
      },
    });
  }
}

/**
 * Arguments that do not match a tool's schema never reach it: the model gets the validation error
 * back as the tool's result (and may try again), and the attempt is audited.
 */
function rejectedArguments(tools: EngineTool[]) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return createMiddleware({
    name: 'AtendeRejectedToolArguments',
    wrapToolCall: async (request, handler) => {
      try {
        return await handler(request);
      } catch (error) {
        const reason = `invalid arguments: ${(error instanceof Error ? error.message : String(error)).slice(0, 500)}`;
        byName.get(request.toolCall.name)?.rejected?.(request.toolCall.args, reason);
        return new ToolMessage({ content: JSON.stringify({ ok: false, error: reason }), tool_call_id: request.toolCall.id ?? '', name: request.toolCall.name, status: 'error' });
      }
    },
  });
}

function toLangChainTool(engineTool: EngineTool): StructuredToolInterface {
  return tool(async (args: Record<string, unknown>) => engineTool.run(args), {
    name: engineTool.name,
    description: engineTool.description,
    schema: engineTool.parameters,
  }) as unknown as StructuredToolInterface;
}

/** The offline model reports the chunk it quoted; an OpenAI answer is audited with every chunk it retrieved. */
function groundedOn(message: AIMessage | undefined): string[] | null {
  const ids: unknown = message?.response_metadata?.groundedOn;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null;
}

function modelOf(message: AIMessage, fallbackName: string): string {
  const name: unknown = message.response_metadata?.model_name ?? message.response_metadata?.model;
  return typeof name === 'string' && name ? name : fallbackName;
}

/** LangGraph may wrap an error thrown inside a node; the engine needs to see the unavailability itself. */
function unwrapUnavailable(error: unknown): LlmUnavailableError | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof LlmUnavailableError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
