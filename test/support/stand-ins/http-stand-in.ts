import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes (multipart uploads carry binary files). */
  raw: Buffer;
}

/** A JSON answer, or `raw` bytes (media files) with their own content-type header; `drop` closes the connection without an answer. */
export type Answer = { status: number; json?: unknown; raw?: Buffer; headers?: Record<string, string>; drop?: boolean };
/** May answer later (a slow upstream). */
export type Handler = (request: RecordedRequest) => Answer | Promise<Answer>;

/** A tiny HTTP server on 127.0.0.1 that records every request and answers through a handler. */
export class HttpStandIn {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private port = 0;

  constructor(private handler: Handler) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      raw: Buffer.concat(chunks),
    };
    this.requests.push(recorded);
    const answer = await this.handler(recorded);
    if (answer.drop) {
      req.socket.destroy();
      return;
    }
    if (answer.raw) {
      res.writeHead(answer.status, { 'content-length': String(answer.raw.length), ...(answer.headers ?? {}) });
      res.end(answer.raw);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.json));
  }
}
