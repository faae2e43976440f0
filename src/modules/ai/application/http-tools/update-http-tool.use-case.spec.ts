import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@core/crypto/secret-box';
import { strict } from '@test/support/strict-fake';
import type { HttpToolRecord, HttpToolRepository, StoredHttpTool } from '../ports/http-tool.repository.port';
import { HttpToolCatalogue } from './http-tool-catalogue';
import { openHttpTool, sealHeaders } from './http-tool-headers';
import { UpdateHttpTool } from './update-http-tool.use-case';

const box = new SecretBox(randomBytes(32).toString('hex'));
const SECRET = 'Bearer s3cr3t-token-value';

function stored(overrides: Partial<StoredHttpTool> = {}): StoredHttpTool {
  return {
    id: 'tool-1',
    tenantId: 'tenant-1',
    name: 'status_do_pedido',
    description: 'Status of an order',
    parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
    url: 'https://api.loja.example/orders/{orderId}',
    method: 'GET',
    ...sealHeaders(box, { Authorization: SECRET }),
    timeoutMs: 5000,
    maxResponseBytes: 16384,
    enabled: true,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  };
}

function build(rows: StoredHttpTool[] = [stored()]) {
  const updates: HttpToolRecord[] = [];
  const repository = strict<HttpToolRepository>('HttpToolRepository', {
    find: async (tenantId: string, id: string) => rows.find((t) => t.tenantId === tenantId && t.id === id) ?? null,
    update: async (tenantId: string, id: string, record: HttpToolRecord) => {
      updates.push(record);
      const row = rows.find((t) => t.tenantId === tenantId && t.id === id);
      return row ? Object.assign(row, record) : null;
    },
    listEnabled: async (tenantId: string) => rows.filter((t) => t.tenantId === tenantId && t.enabled),
  });
  return { update: new UpdateHttpTool(repository, box), catalogue: new HttpToolCatalogue(repository, box), updates, rows };
}

describe('UpdateHttpTool', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('keeps the sealed headers when the change leaves them out', async () => {
    const { update, updates, rows } = build();
    const before = rows[0].headersSealed;

    await update.execute({ tenantId: 'tenant-1', id: 'tool-1', description: 'Order status, by id' });

    expect(updates[0]).toMatchObject({ description: 'Order status, by id', headersSealed: before, headerNames: ['Authorization'] });
  });

  it('replaces the whole header set, sealed, and {} removes them all', async () => {
    const { update, rows } = build();

    await update.execute({ tenantId: 'tenant-1', id: 'tool-1', headers: { 'X-Api-Key': 'new-key-123' } });
    expect(rows[0].headerNames).toEqual(['X-Api-Key']);
    expect(rows[0].headersSealed).not.toContain('new-key-123');
    expect(openHttpTool(box, rows[0]).headers).toEqual({ 'X-Api-Key': 'new-key-123' });

    await update.execute({ tenantId: 'tenant-1', id: 'tool-1', headers: {} });
    expect(rows[0]).toMatchObject({ headersSealed: null, headerNames: [] });
  });

  it('checks the tool as changed: a new URL must use parameters the stored schema declares', async () => {
    const { update, updates } = build();

    await expect(update.execute({ tenantId: 'tenant-1', id: 'tool-1', url: 'https://api.loja.example/clients/{clientId}' })).rejects.toMatchObject({
      code: 'AI.HTTP_TOOL_INVALID_SCHEMA',
    });
    expect(updates).toEqual([]);
  });

  it("is not found in another tenant's name", async () => {
    const { update } = build();
    await expect(update.execute({ tenantId: 'tenant-2', id: 'tool-1', enabled: false })).rejects.toMatchObject({ code: 'AI.HTTP_TOOL_NOT_FOUND' });
  });
});

describe('HttpToolCatalogue', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('gives the enabled tools with their headers opened, leaving out one sealed under another key', async () => {
    const otherBox = new SecretBox(randomBytes(32).toString('hex'));
    const { catalogue } = build([
      stored(),
      stored({ id: 'tool-2', name: 'desligada', enabled: false }),
      stored({ id: 'tool-3', name: 'chave_antiga', ...sealHeaders(otherBox, { Authorization: 'old' }) }),
    ]);

    const tools = await catalogue.enabledFor('tenant-1');

    expect(tools.map((t) => [t.name, t.headers])).toEqual([['status_do_pedido', { Authorization: SECRET }]]);
  });
});
