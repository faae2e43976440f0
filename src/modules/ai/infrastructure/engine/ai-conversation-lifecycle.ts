import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { RequestContextStore } from '@core/logging/request-context';
import { QUEUES, SummarizeConversationJob } from '@core/queue/queue-names';
import { ConversationLifecycle } from '@modules/conversation/application/ports/conversation-lifecycle.port';
import { ConversationMemory } from '../../application/memory/conversation-memory';

/**
 * The AI's side of people changing a conversation's course: the Redis session window (L1) is
 * dropped, so the next answer reads the stored history (L2) with the agent's messages and release
 * notes; a closed conversation is summarized into the contact's memories by a worker, once.
 */
@Injectable()
export class AiConversationLifecycle extends ConversationLifecycle {
  constructor(
    private readonly memory: ConversationMemory,
    @InjectQueue(QUEUES.summarizeConversation) private readonly summaries: Queue<SummarizeConversationJob>,
  ) {
    super();
  }

  contextChanged(tenantId: string, conversationId: string): Promise<void> {
    return this.memory.forget(tenantId, conversationId);
  }

  async closed(tenantId: string, conversationId: string): Promise<void> {
    await this.memory.forget(tenantId, conversationId);
    // One job per conversation: closing it again (or a retried close) adds nothing.
    await this.summaries.add({ tenantId, conversationId, correlationId: RequestContextStore.correlationId() }, { jobId: `summarize:${conversationId}` });
  }
}
