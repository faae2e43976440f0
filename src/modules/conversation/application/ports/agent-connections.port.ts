/** One open console: a staff member's socket on some api process. */
export interface AgentConnection {
  tenantId: string;
  staffId: string;
  connectionId: string;
}

/**
 * How the live gateway records open consoles where every process sees them; AgentPresence reads
 * the same record. A connection not confirmed for a while counts as gone, so the consoles of an api
 * process that died drop out by themselves.
 */
export abstract class AgentConnections {
  abstract opened(connection: AgentConnection): Promise<void>;
  abstract closed(connection: AgentConnection): Promise<void>;
  /** Confirms connections still open; the gateway calls it every PRESENCE_HEARTBEAT_MS. */
  abstract stillOpen(connections: AgentConnection[]): Promise<void>;
}

/** How often open connections are confirmed, and after how long an unconfirmed one counts as gone. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_STALE_AFTER_MS = 45_000;
