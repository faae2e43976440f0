import type { Queue } from 'bull';
import { strict } from '@test/support/strict-fake';
import type { SummarizeConversationJob } from '@core/queue/queue-names';
import type { ConversationMemory } from '../../application/memory/conversation-memory';
import { AiConversationLifecycle } from './ai-conversation-lifecycle';

function build() {
  const calls: unknown[][] = [];
  const memory = strict<ConversationMemory>('ConversationMemory', {
    forget: async (tenantId: string, conversationId: string) => {
      calls.push(['memory.forget', tenantId, conversationId]);
    },
  });
  const queue = strict<Queue<SummarizeConversationJob>>('Queue', {
    add: async (data: SummarizeConversationJob, options: { jobId: string }) => {
      calls.push(['queue.add', { tenantId: data.tenantId, conversationId: data.conversationId }, options]);
    },
  });
  return { lifecycle: new AiConversationLifecycle(memory, queue), calls };
}

describe('AiConversationLifecycle', () => {
  it('drops the session window when a person takes over or gives the conversation back', async () => {
    const { lifecycle, calls } = build();

    await lifecycle.contextChanged('tenant-1', 'conv-1');

    expect(calls).toEqual([['memory.forget', 'tenant-1', 'conv-1']]);
  });

  it('drops the window of a closed conversation and queues its summary once per conversation (the job id)', async () => {
    const { lifecycle, calls } = build();

    await lifecycle.closed('tenant-1', 'conv-1');

    expect(calls).toEqual([
      ['memory.forget', 'tenant-1', 'conv-1'],
      ['queue.add', { tenantId: 'tenant-1', conversationId: 'conv-1' }, { jobId: 'summarize:conv-1' }],
    ]);
  });
});
