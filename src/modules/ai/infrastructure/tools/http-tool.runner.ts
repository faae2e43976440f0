import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@core/config/app-config';
import { DomainError } from '@core/errors/domain-error';
import { sendOutbound } from '@core/net/outbound-request';
import type { HttpToolDefinition } from '../../domain/tools/http-tool';
import { buildHttpToolRequest, type HttpToolRequest } from '../../domain/tools/http-tool-request';
import { argumentsProblem } from '../../domain/tools/json-schema';
import { HttpToolOutcome, HttpToolRunner } from '../../application/ports/http-tool-runner.port';

export { describeForAudit } from '../../domain/tools/http-tool-request';

interface Response {
  status: number;
  output: string;
  truncated: boolean;
}

/**
 * Calls tenants' HTTP tools with node:http(s). Never follows redirects. Unless
 * HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS, refuses hosts that are or resolve to special-purpose addresses
 * (private, local, reserved: the platform's outbound address policy in core/net).
 */
@Injectable()
export class NodeHttpToolRunner extends HttpToolRunner {
  private readonly logger = new Logger(NodeHttpToolRunner.name);
  private readonly allowPrivateNetworks: boolean;

  constructor(config: AppConfig) {
    super();
    this.allowPrivateNetworks = config.HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS;
  }

  async run(tool: HttpToolDefinition, args: unknown): Promise<HttpToolOutcome> {
    const started = performance.now();
    const finish = (outcome: Omit<HttpToolOutcome, 'durationMs'>): HttpToolOutcome => ({ ...outcome, durationMs: Math.round(performance.now() - started) });
    const failure = (error: string) => finish({ ok: false, status: null, output: '', truncated: false, error });

    let request: HttpToolRequest;
    try {
      const problem = argumentsProblem(tool.parameters, args);
      if (problem) return failure(`invalid arguments: ${problem}`);
      request = buildHttpToolRequest(tool, args);
    } catch (error) {
      if (error instanceof DomainError) return failure(`invalid arguments: ${error.message}`);
      throw error;
    }

    const signal = AbortSignal.timeout(tool.timeoutMs);
    try {
      const response = await this.send(request, tool.maxResponseBytes, signal);
      const ok = response.status >= 200 && response.status < 300;
      const outcome = finish({ ok, ...response, ...(ok ? {} : { error: statusError(response.status) }) });
      this.logger.debug({ toolId: tool.id, tool: tool.name, status: response.status, durationMs: outcome.durationMs }, 'HTTP tool called');
      return outcome;
    } catch (error) {
      const message = signal.aborted ? `timed out after ${tool.timeoutMs} ms` : (error as Error).message;
      this.logger.debug({ toolId: tool.id, tool: tool.name, error: message }, 'HTTP tool call failed');
      return failure(message);
    }
  }

  private async send(request: HttpToolRequest, maxBytes: number, signal: AbortSignal): Promise<Response> {
    const incoming = await sendOutbound(new URL(request.url), {
      method: request.method,
      headers: request.body === null ? request.headers : { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      body: request.body,
      signal,
      publicOnly: !this.allowPrivateNetworks,
    });
    return readCapped(incoming, maxBytes);
  }
}

function statusError(status: number): string {
  return status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`;
}

/** The body as UTF-8 text, at most maxBytes of it; the rest is not read. */
function readCapped(incoming: IncomingMessage, maxBytes: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (truncated: boolean) => {
      const body = Buffer.concat(chunks);
      resolve({ status: incoming.statusCode ?? 0, output: utf8Prefix(body, maxBytes), truncated });
    };
    incoming.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners('data');
        incoming.destroy();
        done(true);
      }
    });
    incoming.on('end', () => done(false));
    incoming.on('error', reject);
  });
}

/** The first maxBytes of a UTF-8 buffer as text, without a character cut in half. */
function utf8Prefix(body: Buffer, maxBytes: number): string {
  if (body.length <= maxBytes) return body.toString('utf8');
  let end = maxBytes;
  // Continuation bytes are 10xxxxxx: step back to the start of the character that would be cut.
  while (end > 0 && (body[end] & 0xc0) === 0x80) end -= 1;
  return body.subarray(0, end).toString('utf8');
}
