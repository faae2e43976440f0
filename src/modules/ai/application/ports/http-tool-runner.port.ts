import type { HttpToolDefinition } from '../../domain/tools/http-tool';

/** What one call of a tenant's HTTP tool gave; never throws for the tool's or the network's failures. */
export interface HttpToolOutcome {
  ok: boolean;
  /** The HTTP status, or null when no response came (invalid arguments, refused address, timeout, network error). */
  status: number | null;
  /** The response body as text, cut at the tool's maxResponseBytes. */
  output: string;
  truncated: boolean;
  error?: string;
  durationMs: number;
}

/** Calls a tenant-defined HTTP tool once, with arguments checked against its parameters schema. */
export abstract class HttpToolRunner {
  abstract run(tool: HttpToolDefinition, args: unknown): Promise<HttpToolOutcome>;
}
