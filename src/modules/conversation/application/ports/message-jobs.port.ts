/** The job that takes a message its next step: its answer, its transcript, or its send. */
export type MessageJobKind = 'answer' | 'transcribe' | 'send';

/** 'queued': the job was queued again; 'in_queue': a job for the message is still waiting, delayed or running. */
export type RedriveOutcome = 'queued' | 'in_queue';

/**
 * Queues a message's job again under the id its producer uses, so a job still in Redis is never
 * duplicated, and a job that ended without an outcome for the message does not block its id.
 */
export abstract class MessageJobs {
  abstract redrive(kind: MessageJobKind, job: { tenantId: string; messageId: string; correlationId: string }): Promise<RedriveOutcome>;
  /** False while Redis is not connected: a pass then waits for the next one instead of hanging. */
  abstract available(): boolean;
}
