/**
 * What agents' consoles hear, live, about their tenant: every conversation change and every message.
 * Payloads are the same JSON views the REST API returns (conversation, message, note), so a console
 * renders both alike. Implemented over socket.io's Redis emitter, so a worker process reaches agents
 * connected to any api process.
 */
export type ConversationChange = 'handoff' | 'assigned' | 'released' | 'closed' | 'state';

export type LiveUpdate =
  | { type: 'conversation.updated'; conversationId: string; change: ConversationChange; conversation: Record<string, unknown> }
  | { type: 'message.created'; conversationId: string; message: Record<string, unknown> }
  | {
      type: 'message.status';
      conversationId: string;
      messageId: string;
      status: string;
      errorCode: string | null;
      sentAt: string | null;
      deliveredAt: string | null;
      readAt: string | null;
    }
  | { type: 'note.created'; conversationId: string; note: Record<string, unknown> };

export abstract class LiveUpdates {
  /** Never throws: a console missing an update must not fail the work that caused it. */
  abstract publish(tenantId: string, update: LiveUpdate): Promise<void>;
}
