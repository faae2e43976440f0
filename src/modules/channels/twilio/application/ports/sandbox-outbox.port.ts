export interface SandboxMessage {
  tenantId: string;
  sid: string;
  accountSid: string;
  fromAddress: string;
  toAddress: string;
  body: string;
  createdAt: Date;
}

/** Where the built-in sandbox keeps what it was asked to send. */
export abstract class SandboxOutbox {
  abstract keep(message: Omit<SandboxMessage, 'sid' | 'createdAt'>): Promise<SandboxMessage>;
  abstract list(filter: { tenantId: string; accountSid: string; toAddress?: string; since?: Date; limit: number }): Promise<SandboxMessage[]>;
}
