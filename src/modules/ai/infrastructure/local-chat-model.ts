import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { KbSearchHit } from '../domain/knowledge-base/knowledge-base';
import { extractiveAnswer, LOCAL_ANSWER_MIN_SCORE } from '../domain/knowledge-base/extractive-answer';
import { composeLocalReply, estimateTokens, type Language } from '../domain/local-reply';

export const LOCAL_MODEL_NAME = 'atende-local-v1';

export interface LocalModelContext {
  tenantName: string;
  contactName: string | null;
  /** Knowledge-base chunks retrieved for the last customer message, best first. */
  knowledge?: KbSearchHit[];
}

/**
 * A LangChain chat model that runs offline: the same call path as ChatOpenAI, answered by the
 * deterministic rules in domain/local-reply.ts, or by quoting the best knowledge-base chunk when
 * it is close enough. It reads only the last customer message. The chunk it quoted is reported
 * in response_metadata.groundedOn.
 */
export class LocalChatModel extends BaseChatModel {
  constructor(private readonly context: LocalModelContext) {
    super({});
  }

  _llmType(): string {
    return 'atende-local';
  }

  async _generate(messages: BaseMessage[], _options: this['ParsedCallOptions'], _run?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const lastHuman = [...messages].reverse().find((m) => m.getType() === 'human');
    const text = typeof lastHuman?.content === 'string' ? lastHuman.content : '';
    const reply = composeLocalReply({ text, tenantName: this.context.tenantName, contactName: this.context.contactName });
    const grounded = reply.intent === 'unknown' ? this.fromKnowledge(text, reply.language) : null;
    const content = grounded?.text ?? reply.text;
    const input = estimateTokens(messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n'));
    const output = estimateTokens(content);
    const message = new AIMessage({
      content,
      usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      response_metadata: { intent: reply.intent, language: reply.language, groundedOn: grounded ? [grounded.chunkId] : [] },
    });
    return { generations: [{ text: content, message }] };
  }

  private fromKnowledge(question: string, language: Language): { text: string; chunkId: string } | null {
    const best = this.context.knowledge?.[0];
    if (!best || best.score < LOCAL_ANSWER_MIN_SCORE) return null;
    const text = extractiveAnswer({ question, passage: best.content, language });
    return text ? { text, chunkId: best.chunkId } : null;
  }
}
