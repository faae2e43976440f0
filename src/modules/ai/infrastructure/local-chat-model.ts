import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { composeLocalReply, estimateTokens } from '../domain/local-reply';

export const LOCAL_MODEL_NAME = 'atende-local-v1';

/**
 * A LangChain chat model that runs offline: the same call path as ChatOpenAI, answered by the
 * deterministic rules in domain/local-reply.ts. It reads only the last customer message.
 */
export class LocalChatModel extends BaseChatModel {
  constructor(private readonly context: { tenantName: string; contactName: string | null }) {
    super({});
  }

  _llmType(): string {
    return 'atende-local';
  }

  async _generate(messages: BaseMessage[], _options: this['ParsedCallOptions'], _run?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const lastHuman = [...messages].reverse().find((m) => m.getType() === 'human');
    const text = typeof lastHuman?.content === 'string' ? lastHuman.content : '';
    const reply = composeLocalReply({ text, tenantName: this.context.tenantName, contactName: this.context.contactName });
    const input = estimateTokens(messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n'));
    const output = estimateTokens(reply.text);
    const message = new AIMessage({
      content: reply.text,
      usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      response_metadata: { intent: reply.intent, language: reply.language },
    });
    return { generations: [{ text: reply.text, message }] };
  }
}
