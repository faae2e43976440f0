import { Logger } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../../src/core/config/app-config';
import type { HttpToolDefinition } from '../../src/modules/ai/domain/tools/http-tool';
import { NodeHttpToolRunner } from '../../src/modules/ai/infrastructure/tools/http-tool.runner';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (request: Received, res: ServerResponse) => void;

/** A tenant's server on 127.0.0.1: records each request, answers by path. */
class TenantServer {
  readonly received: Received[] = [];
  private server?: Server;
  port = 0;

  constructor(private readonly routes: Record<string, Answer>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.received.push(received);
      const route = this.routes[new URL(received.url, 'http://x').pathname.split('/')[1]];
      if (route) route(received, res);
      else res.writeHead(404).end('no such route');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

function runnerWith(allowPrivateNetworks: boolean): NodeHttpToolRunner {
  return new NodeHttpToolRunner(Object.assign(new AppConfig(), { HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS: allowPrivateNetworks }));
}

describe('NodeHttpToolRunner against a local HTTP server', () => {
  const server = new TenantServer({
    orders: (request, res) => json(res, 200, { seen: request.url, status: 'shipped' }),
    echo: (request, res) => json(res, 201, { body: JSON.parse(request.body || 'null') }),
    missing: (_, res) => json(res, 404, { message: 'order not found' }),
    broken: (_, res) => res.writeHead(500).end('x'.repeat(5000)),
    moved: (_, res) => res.writeHead(302, { location: '/orders/elsewhere' }).end(),
    big: (_, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ação '.repeat(2000)),
    // Never answers: the caller's timeout has to end the call.
    slow: () => undefined,
  });
  const allowing = runnerWith(true);
  let tool: (overrides?: Partial<HttpToolDefinition>) => HttpToolDefinition;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await server.start();
    tool = (overrides = {}) => ({
      id: '8a0b6a52-53a4-4c4b-9a39-6d7b1b0f2c11',
      name: 'status_do_pedido',
      description: 'Status of an order',
      parameters: {
        type: 'object',
        properties: { orderId: { type: 'string', maxLength: 20 }, verbose: { type: 'boolean' }, note: { type: 'string' } },
        required: ['orderId'],
        additionalProperties: false,
      },
      url: `${server.url}/orders/{orderId}`,
      method: 'GET',
      headers: { Authorization: 'Bearer tenant-secret-123', 'X-Store': 'loja-1' },
      timeoutMs: 5000,
      maxResponseBytes: 16384,
      enabled: true,
      ...overrides,
    });
  });

  afterAll(() => server.stop());
  beforeEach(() => server.received.splice(0));

  it('refuses arguments that do not fit the schema without calling the URL', async () => {
    for (const args of [{}, { orderId: 42 }, { orderId: 'A1', surprise: true }, 'orderId=A1', { orderId: '..' }]) {
      const outcome = await allowing.run(tool(), args);
      expect(outcome).toMatchObject({ ok: false, status: null, output: '', truncated: false });
      expect(outcome.error).toMatch(/^invalid arguments: /);
    }
    expect(server.received).toEqual([]);
  });

  it('fills the path placeholder (URL-encoded), sends the other arguments as the query of a GET, with the sealed headers', async () => {
    const outcome = await allowing.run(tool(), { orderId: 'A 10/2', verbose: true });

    expect(outcome).toMatchObject({ ok: true, status: 200, truncated: false });
    expect(JSON.parse(outcome.output)).toEqual({ seen: '/orders/A%2010%2F2?verbose=true', status: 'shipped' });
    expect(outcome.durationMs).toEqual(expect.any(Number));
    expect(server.received).toHaveLength(1);
    expect(server.received[0].headers).toMatchObject({ authorization: 'Bearer tenant-secret-123', 'x-store': 'loja-1' });
  });

  it('sends the arguments of a POST as a JSON body, without those that filled the path', async () => {
    const outcome = await allowing.run(tool({ method: 'POST', url: `${server.url}/echo/{orderId}` }), { orderId: 'A1', note: 'urgente' });

    expect(outcome).toMatchObject({ ok: true, status: 201 });
    expect(JSON.parse(outcome.output)).toEqual({ body: { note: 'urgente' } });
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/echo/A1' });
    expect(server.received[0].headers['content-type']).toBe('application/json');
  });

  it('ends a call that outlives the timeout', async () => {
    const outcome = await allowing.run(tool({ url: `${server.url}/slow/{orderId}`, timeoutMs: 300 }), { orderId: 'A1' });

    expect(outcome).toMatchObject({ ok: false, status: null, error: 'timed out after 300 ms' });
    expect(server.received).toHaveLength(1);
  });

  it('cuts the body at maxResponseBytes, never in the middle of a character', async () => {
    const outcome = await allowing.run(tool({ url: `${server.url}/big/{orderId}`, maxResponseBytes: 1001 }), { orderId: 'A1' });

    expect(outcome).toMatchObject({ ok: true, status: 200, truncated: true });
    expect(Buffer.byteLength(outcome.output)).toBeLessThanOrEqual(1001);
    expect(Buffer.byteLength(outcome.output)).toBeGreaterThan(990);
    expect(outcome.output).not.toContain('\uFFFD');
    expect(outcome.output.startsWith('ação ação')).toBe(true);
  });

  it('reports a non-2xx answer with its status and its capped body', async () => {
    const missing = await allowing.run(tool({ url: `${server.url}/missing/{orderId}` }), { orderId: 'A1' });
    expect(missing).toMatchObject({ ok: false, status: 404, error: 'HTTP 404', truncated: false });
    expect(JSON.parse(missing.output)).toEqual({ message: 'order not found' });

    const broken = await allowing.run(tool({ url: `${server.url}/broken/{orderId}`, maxResponseBytes: 256 }), { orderId: 'A1' });
    expect(broken).toMatchObject({ ok: false, status: 500, truncated: true, output: 'x'.repeat(256) });
  });

  it('does not follow a redirect', async () => {
    const outcome = await allowing.run(tool({ url: `${server.url}/moved/{orderId}` }), { orderId: 'A1' });

    expect(outcome).toMatchObject({ ok: false, status: 302, error: 'HTTP 302: redirects are not followed' });
    expect(server.received.map((r) => r.url)).toEqual(['/moved/A1']);
  });

  it('reports a network error as an outcome', async () => {
    const closed = await new TenantServer({}).start();
    const url = `${closed.url}/orders/{orderId}`;
    await closed.stop();

    const outcome = await allowing.run(tool({ url }), { orderId: 'A1' });

    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  describe('with the private-network guard on (HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS=false, the default)', () => {
    const guarded = runnerWith(false);

    it.each([
      ['loopback', () => `${server.url}/orders/{orderId}`],
      ['a host name that resolves to loopback', () => `http://localhost:${server.port}/orders/{orderId}`],
      ['IPv6 loopback', () => `http://[::1]:${server.port}/orders/{orderId}`],
      ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${server.port}/orders/{orderId}`],
      ['RFC 1918', () => 'http://10.0.0.1/orders/{orderId}'],
      ['RFC 1918 (192.168/16)', () => 'http://192.168.1.10:8080/orders/{orderId}'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/{orderId}'],
      ['0.0.0.0', () => `http://0.0.0.0:${server.port}/orders/{orderId}`],
      ['a unique-local IPv6 address', () => 'http://[fd00::1]/orders/{orderId}'],
      ['TEST-NET-1, reserved for documentation', () => 'http://192.0.2.2/orders/{orderId}'],
      ['TEST-NET-3, reserved for documentation', () => 'http://203.0.113.10:8080/orders/{orderId}'],
      ['the IPv6 documentation prefix', () => 'http://[2001:db8::1]/orders/{orderId}'],
      ['a NAT64 address of loopback', () => `http://[64:ff9b::7f00:1]:${server.port}/orders/{orderId}`],
      ['a 6to4 address of RFC 1918', () => 'http://[2002:a00:1::1]/orders/{orderId}'],
    ])('refuses %s without connecting', async (_, url) => {
      const outcome = await guarded.run(tool({ url: url(), timeoutMs: 2000 }), { orderId: 'A1' });

      expect(outcome).toMatchObject({ ok: false, status: null, output: '' });
      expect(outcome.error).toMatch(/^refused: .* resolves to a private or local address/);
      expect(server.received).toEqual([]);
    });

    it('still validates the arguments first', async () => {
      const outcome = await guarded.run(tool(), { orderId: 7 });
      expect(outcome.error).toBe('invalid arguments: /orderId must be string');
    });
  });

  it('with the guard off (as in these tests), reaches the same loopback server', async () => {
    expect((await allowing.run(tool({ url: `http://localhost:${server.port}/orders/{orderId}` }), { orderId: 'A1' })).status).toBe(200);
  });
});
