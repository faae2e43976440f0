import type { HttpToolDefinition } from './http-tool';
import { buildHttpToolRequest, describeForAudit } from './http-tool-request';

const tool = (overrides: Partial<HttpToolDefinition> = {}): HttpToolDefinition => ({
  id: '8a0b6a52-53a4-4c4b-9a39-6d7b1b0f2c11',
  name: 'status_do_pedido',
  description: 'Status of an order',
  parameters: { type: 'object', properties: { orderId: { type: 'string' }, verbose: { type: 'boolean' } }, required: ['orderId'] },
  url: 'https://api.loja.example/stores/1/orders/{orderId}?v=2',
  method: 'GET',
  headers: { Authorization: 'Bearer s3cr3t' },
  timeoutMs: 5000,
  maxResponseBytes: 16384,
  enabled: true,
  ...overrides,
});

describe('buildHttpToolRequest', () => {
  it('fills the path placeholders URL-encoded and puts the other arguments in the query string of a GET', () => {
    const request = buildHttpToolRequest(tool(), { orderId: 'A 1/2?#', verbose: true, tags: ['x', 'y'], missing: null });
    expect(request).toEqual({
      url: 'https://api.loja.example/stores/1/orders/A%201%2F2%3F%23?v=2&verbose=true&tags=x&tags=y',
      method: 'GET',
      headers: { Authorization: 'Bearer s3cr3t' },
      body: null,
    });
  });

  it('sends the arguments of a DELETE in the query string too', () => {
    expect(buildHttpToolRequest(tool({ method: 'DELETE' }), { orderId: 'A1', reason: 'duplicate' })).toMatchObject({
      url: 'https://api.loja.example/stores/1/orders/A1?v=2&reason=duplicate',
      body: null,
    });
  });

  it.each(['POST', 'PUT', 'PATCH'] as const)('sends the arguments of a %s as a JSON body, without the placeholders', (method) => {
    const request = buildHttpToolRequest(tool({ method }), { orderId: 'A1', note: { text: 'urgente' }, qty: 2 });
    expect(request.url).toBe('https://api.loja.example/stores/1/orders/A1?v=2');
    expect(JSON.parse(request.body ?? '')).toEqual({ note: { text: 'urgente' }, qty: 2 });
    expect(request.headers).toEqual({ Authorization: 'Bearer s3cr3t', 'content-type': 'application/json' });
  });

  it("keeps the tenant's own content type", () => {
    const request = buildHttpToolRequest(tool({ method: 'POST', headers: { 'Content-Type': 'application/vnd.loja+json' } }), { orderId: 'A1' });
    expect(request.headers).toEqual({ 'Content-Type': 'application/vnd.loja+json' });
  });

  it('refuses a path value that would climb out of the path ("." or "..")', () => {
    for (const orderId of ['..', '.']) {
      expect(() => buildHttpToolRequest(tool(), { orderId })).toThrow(expect.objectContaining({ code: 'AI.HTTP_TOOL_INVALID_ARGUMENTS' }));
    }
    expect(buildHttpToolRequest(tool(), { orderId: '..a' }).url).toBe('https://api.loja.example/stores/1/orders/..a?v=2');
  });

  it('refuses a path value that is missing or not a scalar', () => {
    for (const args of [{}, { orderId: { id: 1 } }, { orderId: null }]) {
      expect(() => buildHttpToolRequest(tool(), args)).toThrow(expect.objectContaining({ code: 'AI.HTTP_TOOL_INVALID_ARGUMENTS' }));
    }
  });
});

describe('describeForAudit', () => {
  it('masks every header value and shows the URL the call goes to', () => {
    expect(describeForAudit(tool({ headers: { Authorization: 'Bearer s3cr3t', 'X-Store': 'loja-1' } }), { orderId: 'A1' })).toEqual({
      url: 'https://api.loja.example/stores/1/orders/A1?v=2',
      method: 'GET',
      headers: { Authorization: '***', 'X-Store': '***' },
    });
  });

  it('shows the URL template when the arguments cannot fill it', () => {
    expect(describeForAudit(tool(), {}).url).toBe('https://api.loja.example/stores/1/orders/{orderId}?v=2');
  });
});
