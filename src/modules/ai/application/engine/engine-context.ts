import type { AiRequest } from '@modules/conversation/application/ports/ai-responder.port';
import type { MemoryTurn } from '../../domain/memory/memory';
import type { AiSettings } from '../../domain/specialists/specialist';
import type { EngineRun } from './engine-run';

/** One run's inputs: the request, the tenant's AI settings, the run's state and the conversation window. */
export interface RunContext {
  request: AiRequest;
  settings: AiSettings;
  run: EngineRun;
  turns: MemoryTurn[];
  memorySource: string;
}

export function currentTurn(request: AiRequest): MemoryTurn {
  return { messageId: request.inbound.messageId, author: 'contact', body: request.inbound.body, at: request.inbound.at.toISOString() };
}

/** A burst's earlier messages, for the window; nothing when the message came alone. */
export function earlierTurns(request: AiRequest): { earlier?: MemoryTurn[] } {
  if (!request.earlier?.length) return {};
  return { earlier: request.earlier.map((m) => ({ messageId: m.messageId, author: 'contact', body: m.body, at: m.at.toISOString() })) };
}

/** What the customer asked in this run: the burst's messages in order, one per line (the message alone otherwise). */
export function questionOf(request: AiRequest): string {
  return [...(request.earlier ?? []), request.inbound].map((m) => m.body).join('\n');
}
