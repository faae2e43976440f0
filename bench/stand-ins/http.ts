import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = { status: number; json?: unknown; text?: string; contentType?: string };
export type Route = (method: string, path: string, body: string, headers: IncomingMessage['headers']) => Reply | Promise<Reply>;

/** A lean HTTP server on 127.0.0.1: unlike the test suite's stand-ins it keeps no request bodies, so a long run stays small. */
export async function listen(route: Route): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => void handle(route, req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function handle(route: Route, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let reply: Reply;
  try {
    reply = await route(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'), req.headers);
  } catch (error) {
    reply = { status: 500, json: { error: { message: String(error), type: 'server_error' } } };
  }
  const payload = reply.text ?? JSON.stringify(reply.json ?? {});
  res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
