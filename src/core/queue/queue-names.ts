/** Queue names from the original design; one place so producers and processors agree. */
export const QUEUES = {
  processAiResponse: 'process_ai_response',
  sendWhatsappMessage: 'send_whatsapp_message',
  conversationTimers: 'conversation_timers',
  summarizeConversation: 'summarize_conversation',
  /** Voice notes: download, transcribe, then hand to process_ai_response. */
  transcribeAudio: 'transcribe_audio',
} as const;

/**
 * The job id of each message's job, one place for its producers and the reconciler: a second add
 * under the same id is a no-op in Bull, so a message is never queued twice.
 */
export const JOB_IDS = {
  answer: (inboundMessageId: string) => `ai:${inboundMessageId}`,
  transcribe: (inboundMessageId: string) => `transcribe:${inboundMessageId}`,
  send: (messageId: string) => `send:${messageId}`,
} as const;

/**
 * What a job returns when it handed its work to a later job (a wait for a busy conversation, a
 * Retry-After pause): the reconciler follows it to see that the message still has a job.
 */
export interface JobContinuation {
  continuedAs: string;
}

/** The jobs of the conversation_timers queue. */
export const CONVERSATION_TIMER_JOBS = {
  /** Delayed, one per handoff: tells a customer still waiting in the queue, once. */
  unclaimedNotice: 'unclaimed_notice',
  /** Repeatable, one schedule for all processes: follows up and closes idle conversations of every tenant. */
  inactivitySweep: 'inactivity_sweep',
} as const;

/** Every job carries its tenant and the correlation id of the message that caused it. */
export interface JobEnvelope {
  tenantId: string;
  correlationId: string;
}

export interface ProcessAiResponseJob extends JobEnvelope {
  inboundMessageId: string;
  /** How many times the job found its conversation busy with another run and came back later. */
  waits?: number;
}

/** One per voice note (the job id): its transcript becomes the body the AI reads. */
export interface TranscribeAudioJob extends JobEnvelope {
  inboundMessageId: string;
}

export interface SendWhatsappMessageJob extends JobEnvelope {
  messageId: string;
}

export interface UnclaimedNoticeJob extends JobEnvelope {
  conversationId: string;
  /** When the conversation entered HANDOFF_PENDING (epoch ms): the wait this notice is about. */
  handoffAt: number;
}

/** The sweep is cross-tenant by nature: it carries no tenant, and each conversation it touches gets its own correlation id. */
export type InactivitySweepJob = Record<string, never>;

/** One per closed conversation (the job id): its summary becomes a memory of the contact. */
export interface SummarizeConversationJob extends JobEnvelope {
  conversationId: string;
}
