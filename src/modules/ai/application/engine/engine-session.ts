import { Injectable } from '@nestjs/common';
import type { AiReply, AiRequest } from '@modules/conversation/application/ports/ai-responder.port';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import type { MemoryTurn } from '../../domain/memory/memory';
import type { Specialist } from '../../domain/specialists/specialist';
import { ConversationMemory } from '../memory/conversation-memory';
import { SpecialistCatalogue } from '../specialists/specialist-catalogue';
import { currentTurn, earlierTurns, RunContext } from './engine-context';
import { EngineRun } from './engine-run';

/**
 * The start and end of a run: the tenant's settings and enabled specialists, whether personal data is
 * masked, the conversation window (L1, or L2 re-warming L1); afterwards the window gets the new turns,
 * or is dropped when a person takes over.
 */
@Injectable()
export class EngineSession {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly flags: FeatureFlags,
    private readonly memory: ConversationMemory,
  ) {}

  async open(request: AiRequest): Promise<{ context: RunContext; specialists: Specialist[] }> {
    const { settings, specialists } = await this.catalogue.forRouting(request.tenantId);
    const run = new EngineRun(await this.flags.isEnabled(request.tenantId, 'pii_masking'));
    const window = await this.memory.load({
      tenantId: request.tenantId,
      conversationId: request.conversationId,
      current: currentTurn(request),
      ...earlierTurns(request),
      maxTurns: settings.memoryWindowTurns,
      ttlSeconds: settings.memoryTtlSeconds,
    });
    return { context: { request, settings, run, turns: window.turns, memorySource: window.source }, specialists };
  }

  async close(context: RunContext, reply: AiReply): Promise<void> {
    const { request, settings } = context;
    if (reply.handoff) return this.memory.forget(request.tenantId, request.conversationId);
    const answer: MemoryTurn = { messageId: `reply:${request.inbound.messageId}`, author: 'ai', body: reply.text, at: new Date().toISOString() };
    await this.memory.record({
      tenantId: request.tenantId,
      conversationId: request.conversationId,
      turns: [...(earlierTurns(request).earlier ?? []), currentTurn(request), answer],
      maxTurns: settings.memoryWindowTurns,
      ttlSeconds: settings.memoryTtlSeconds,
    });
  }
}
