import type { BaseChatModelCallOptions, BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { estimateTokens } from '../domain/local-reply';
import { nextLocalStep, type LocalToolResult, type LocalToolSpec } from '../domain/local/local-agent-policy';
import { routeByKeywords } from '../domain/specialists/keyword-router';

export const LOCAL_MODEL_NAME = 'atende-local-v1';
export const ROUTE_TOOL_NAME = 'route_conversation';

export interface LocalModelContext {
  tenantName: string;
  contactName: string | null;
  /** The router's choices, with the keywords the offline provider routes by. */
  specialists?: { slug: string; name: string; keywords: string[] }[];
}

/**
 * A LangChain chat model that runs offline and supports tool calling, so the offline provider goes
 * through the same router (structured output through a forced tool call) and specialist agents
 * (createAgent, real tools) as ChatOpenAI. Its decisions are the deterministic rules of
 * domain/local: keyword routing, and answer-or-call-a-tool per domain/local/local-agent-policy.ts.
 * The knowledge-base chunk an answer quotes is reported in response_metadata.groundedOn.
 */
export class LocalChatModel extends BaseChatModel {
  private calls = 0;

  constructor(
    private readonly context: LocalModelContext,
    private readonly tools: LocalToolSpec[] = [],
  ) {
    super({});
  }

  _llmType(): string {
    return 'atende-local';
  }

  override bindTools(tools: BindToolsInput[], _kwargs?: Partial<BaseChatModelCallOptions>): LocalChatModel {
    const specs = tools.map((t) => {
      const fn = convertToOpenAITool(t as Parameters<typeof convertToOpenAITool>[0]).function;
      return { name: fn.name, parameters: (fn.parameters ?? {}) as LocalToolSpec['parameters'] };
    });
    return new LocalChatModel(this.context, specs);
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const lastHumanAt = findLastIndex(messages, (m) => m.getType() === 'human');
    const question = lastHumanAt >= 0 ? text(messages[lastHumanAt]) : '';
    const message = this.tools.some((t) => t.name === ROUTE_TOOL_NAME) ? this.route(question) : this.step(question, toolResults(messages.slice(lastHumanAt + 1)));
    const input = estimateTokens(messages.map(text).join('\n'));
    const output = estimateTokens(text(message) + JSON.stringify(message.tool_calls ?? []));
    message.usage_metadata = { input_tokens: input, output_tokens: output, total_tokens: input + output };
    return { generations: [{ text: text(message), message }] };
  }

  private route(question: string): AIMessageChunk {
    const decision = routeByKeywords(question, this.context.specialists ?? []);
    return new AIMessageChunk({ content: '', tool_calls: [{ name: ROUTE_TOOL_NAME, args: decision, id: this.callId(), type: 'tool_call' }] });
  }

  private step(question: string, results: LocalToolResult[]): AIMessageChunk {
    const step = nextLocalStep({ question, tenantName: this.context.tenantName, contactName: this.context.contactName, tools: this.tools, results });
    if (step.kind === 'call') {
      return new AIMessageChunk({ content: '', tool_calls: [{ name: step.tool, args: step.args, id: this.callId(), type: 'tool_call' }] });
    }
    return new AIMessageChunk({ content: step.text, response_metadata: { groundedOn: step.groundedOn } });
  }

  private callId(): string {
    this.calls += 1;
    return `call_local_${Date.now().toString(36)}_${this.calls}`;
  }
}

function toolResults(messages: BaseMessage[]): LocalToolResult[] {
  return messages.filter((m) => m.getType() === 'tool').map((m) => ({ tool: (m as BaseMessage & { name?: string }).name ?? '', content: text(m) }));
}

function text(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : '';
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i])) return i;
  return -1;
}
