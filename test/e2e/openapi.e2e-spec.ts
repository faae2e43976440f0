import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { RegisterWhatsappNumberRequestDto } from '../../src/modules/channels/twilio/interface/dto/whatsapp-number.dto';
import { CreateTenantRequestDto, TenantAdminRequestDto } from '../../src/modules/identity/interface/dto/tenant.dto';
import { call } from '../support/api-client';
import { testRedis } from '../support/redis';
import { startTestApp, TestApp, testEnv } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const redis = testRedis('openapi');

type Method = 'get' | 'post' | 'patch' | 'delete' | 'put';
type Route = [Method, string];

/** Every route the app serves under /api/v1, /webhooks and /health, in OpenAPI's path syntax. */
const PROTECTED: Route[] = [
  ['post', '/api/v1/tenants'],
  ['get', '/api/v1/tenants'],
  ['get', '/api/v1/tenants/{id}'],
  ['patch', '/api/v1/tenants/{id}'],
  ['post', '/api/v1/tenants/{id}/suspend'],
  ['post', '/api/v1/tenants/{id}/reactivate'],
  ['get', '/api/v1/tenant'],
  ['get', '/api/v1/plans'],
  ['post', '/api/v1/plans'],
  ['patch', '/api/v1/plans/{code}'],
  ['get', '/api/v1/tenants/{id}/subscription'],
  ['put', '/api/v1/tenants/{id}/subscription'],
  ['get', '/api/v1/subscription'],
  ['get', '/api/v1/tenants/{id}/feature-flags'],
  ['put', '/api/v1/tenants/{id}/feature-flags/{flag}'],
  ['delete', '/api/v1/tenants/{id}/feature-flags/{flag}'],
  ['get', '/api/v1/feature-flags'],
  ['post', '/api/v1/whatsapp-numbers'],
  ['get', '/api/v1/whatsapp-numbers'],
  ['get', '/api/v1/whatsapp-numbers/{id}'],
  ['patch', '/api/v1/whatsapp-numbers/{id}'],
  ['delete', '/api/v1/whatsapp-numbers/{id}'],
  ['post', '/api/v1/whatsapp-numbers/{id}/disable'],
  ['post', '/api/v1/whatsapp-numbers/{id}/enable'],
  ['post', '/api/v1/whatsapp-templates'],
  ['get', '/api/v1/whatsapp-templates'],
  ['get', '/api/v1/whatsapp-templates/{id}'],
  ['patch', '/api/v1/whatsapp-templates/{id}'],
  ['delete', '/api/v1/whatsapp-templates/{id}'],
  ['get', '/api/v1/channel-settings'],
  ['patch', '/api/v1/channel-settings'],
  ['get', '/api/v1/audit-events'],
  ['get', '/api/v1/conversations'],
  ['get', '/api/v1/conversations/{id}'],
  ['get', '/api/v1/conversations/{id}/messages'],
  ['get', '/api/v1/conversations/queue'],
  ['get', '/api/v1/conversations/{id}/events'],
  ['post', '/api/v1/conversations/{id}/handoff'],
  ['post', '/api/v1/conversations/{id}/assign'],
  ['post', '/api/v1/conversations/{id}/release'],
  ['post', '/api/v1/conversations/{id}/close'],
  ['post', '/api/v1/conversations/{id}/messages'],
  ['get', '/api/v1/conversations/{id}/notes'],
  ['post', '/api/v1/conversations/{id}/notes'],
  ['post', '/api/v1/staff'],
  ['get', '/api/v1/staff'],
  ['get', '/api/v1/staff/{id}'],
  ['patch', '/api/v1/staff/{id}'],
  ['post', '/api/v1/staff/{id}/disable'],
  ['post', '/api/v1/staff/{id}/enable'],
  ['delete', '/api/v1/staff/{id}'],
  ['get', '/api/v1/auth/me'],
  ['get', '/api/v1/contacts'],
  ['get', '/api/v1/contacts/{id}'],
  ['patch', '/api/v1/contacts/{id}'],
  ['delete', '/api/v1/contacts/{id}'],
  ['post', '/api/v1/contacts/{id}/tags'],
  ['delete', '/api/v1/contacts/{id}/tags/{tag}'],
  ['get', '/api/v1/contacts/{id}/export'],
  ['get', '/api/v1/contacts/{id}/memories'],
  ['delete', '/api/v1/contacts/{id}/memories/{memoryId}'],
  ['get', '/api/v1/contact-erasures'],
  ['post', '/api/v1/knowledge-base/documents'],
  ['get', '/api/v1/knowledge-base/documents'],
  ['get', '/api/v1/knowledge-base/documents/{id}'],
  ['delete', '/api/v1/knowledge-base/documents/{id}'],
  ['get', '/api/v1/knowledge-base/search'],
  ['post', '/api/v1/knowledge-base/reindex'],
  ['post', '/api/v1/http-tools'],
  ['get', '/api/v1/http-tools'],
  ['get', '/api/v1/http-tools/{id}'],
  ['patch', '/api/v1/http-tools/{id}'],
  ['delete', '/api/v1/http-tools/{id}'],
  ['post', '/api/v1/http-tools/{id}/test'],
  ['get', '/api/v1/specialists'],
  ['post', '/api/v1/specialists'],
  ['get', '/api/v1/specialists/{id}'],
  ['patch', '/api/v1/specialists/{id}'],
  ['delete', '/api/v1/specialists/{id}'],
  ['post', '/api/v1/specialists/{id}/enable'],
  ['post', '/api/v1/specialists/{id}/disable'],
  ['get', '/api/v1/ai/settings'],
  ['patch', '/api/v1/ai/settings'],
  ['get', '/api/v1/conversations/{id}/ai-results'],
  ['get', '/api/v1/ai-results/{id}'],
  ['get', '/api/v1/ai/usage'],
  ['get', '/api/v1/tenants/{id}/ai-usage'],
  ['get', '/api/v1/conversation-settings'],
  ['patch', '/api/v1/conversation-settings'],
];
const PUBLIC: Route[] = [
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/refresh'],
  ['post', '/api/v1/auth/logout'],
  ['post', '/webhooks/twilio/inbound'],
  ['post', '/webhooks/twilio/status'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
];
/** Public too, documented, but outside the prefixes the issue lists. */
const SANDBOX: Route[] = [
  ['post', '/sandbox/inbound'],
  ['get', '/sandbox/messages'],
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ERROR_REF = '#/components/schemas/ErrorResponseDto';

type Operation = {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string; type?: string } }> }>;
};
type Property = { $ref?: string; allOf?: { $ref: string }[]; pattern?: string; format?: string; type?: string };
type Schema = { type?: string; required?: string[]; properties: Record<string, Property> };
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
};

/** The properties a DTO validates, and those it requires (no @IsOptional), read from class-validator. */
function validatedProperties(dto: Function): { all: string[]; required: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = new Set(metadata.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName));
  return { all, required: all.filter((p) => !optional.has(p)) };
}

/** A concrete URL for an OpenAPI path (a uuid for {id}). */
function concrete(path: string): string {
  return path.replace('{id}', '00000000-0000-4000-8000-000000000000');
}

describe('the OpenAPI document and Swagger UI', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  let doc: OpenApiDocument;

  const operation = ([method, path]: Route): Operation => doc.paths[path]?.[method];
  const schemaOf = (ref: string | undefined): Schema => doc.components.schemas[(ref ?? '').replace('#/components/schemas/', '')];
  const requestSchema = (route: Route): Schema => schemaOf(operation(route).requestBody?.content['application/json'].schema.$ref);

  beforeAll(async () => {
    db = await createTestDatabase('openapi');
    app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis }));
    const json = await call<OpenApiDocument>(app.url, 'GET', '/docs-json');
    expect(json.status).toBe(200);
    doc = json.body;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.cleanup();
  });

  it('serves Swagger UI at /docs, with its assets, to a caller without a token', async () => {
    const page = await call(app.url, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');

    const init = await call(app.url, 'GET', '/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('Atende API');
    expect((await call(app.url, 'GET', '/docs/swagger-ui.css')).status).toBe(200);
  });

  it('serves the document at /docs-json without a token, titled and versioned from package.json', async () => {
    const json = await call(app.url, 'GET', '/docs-json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Atende API', version: pkg.version });
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
  });

  it('documents exactly the routes served under /api/v1, /webhooks and /health, with their methods', () => {
    const documented = Object.entries(doc.paths)
      .filter(([path]) => /^\/(api\/v1|webhooks|health)\//.test(path))
      .flatMap(([path, item]) => Object.keys(item).filter((k) => HTTP_METHODS.includes(k)).map((method) => `${method.toUpperCase()} ${path}`));
    const expected = [...PROTECTED, ...PUBLIC].map(([method, path]) => `${method.toUpperCase()} ${path}`);
    expect(documented.sort()).toEqual(expected.sort());
  });

  it('documents the sandbox routes and leaves out its internal Twilio-compatible API', () => {
    for (const route of SANDBOX) expect(operation(route)).toBeDefined();
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/sandbox/twilio'))).toEqual([]);
  });

  it('lists only routes the server really answers (none is an unknown-route 404)', async () => {
    const unknown: string[] = [];
    for (const [method, path] of [...PROTECTED, ...PUBLIC, ...SANDBOX]) {
      const result = await call(app.url, method.toUpperCase(), concrete(path), method === 'post' ? { json: {} } : {});
      if (/^Cannot (GET|POST) /.test(String(result.body?.message ?? ''))) unknown.push(`${method} ${path}`);
    }
    expect(unknown).toEqual([]);
  });

  it('gives every operation a summary and a declared tag', () => {
    const declared = new Set(doc.tags.map((t) => t.name));
    const documentedRoutes = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, op })));
    const untagged = documentedRoutes.filter(({ op }) => !op.tags?.length || !op.tags.every((tag) => declared.has(tag))).map(({ route }) => route);
    expect(untagged).toEqual([]);
    const withoutSummary = documentedRoutes.filter(({ op }) => !op.summary).map(({ route }) => route);
    expect(withoutSummary).toEqual([]);
  });

  it('declares bearer security exactly on the routes the guard protects', async () => {
    const wrong: string[] = [];
    for (const [method, path] of PROTECTED) {
      const security = JSON.stringify(operation([method, path]).security);
      const result = await call(app.url, method.toUpperCase(), concrete(path), method === 'post' ? { json: {} } : {});
      if (security !== '[{"bearer":[]}]' || result.status !== 401) wrong.push(`${method} ${path}: security ${security}, status ${result.status} without a token`);
    }
    for (const [method, path] of [...PUBLIC, ...SANDBOX]) {
      if ((operation([method, path]).security ?? []).some((requirement) => 'bearer' in requirement)) wrong.push(`${method} ${path} is public but declares bearer`);
    }
    expect(wrong).toEqual([]);
  });

  it('describes the body of POST /api/v1/tenants with the properties and required fields of its DTOs', () => {
    const tenant = requestSchema(['post', '/api/v1/tenants']);
    const tenantRules = validatedProperties(CreateTenantRequestDto);
    expect(Object.keys(tenant.properties).sort()).toEqual(tenantRules.all);
    expect([...(tenant.required ?? [])].sort()).toEqual(tenantRules.required);
    expect(tenant.required?.sort()).toEqual(['admin', 'name']);

    // A nested DTO with its own description comes as allOf: [{$ref}].
    const admin = schemaOf(tenant.properties.admin.$ref ?? tenant.properties.admin.allOf?.[0].$ref);
    const adminRules = validatedProperties(TenantAdminRequestDto);
    expect(Object.keys(admin.properties).sort()).toEqual(adminRules.all);
    expect([...(admin.required ?? [])].sort()).toEqual(adminRules.required);
    expect(admin.properties.email.format).toBe('email');
  });

  it('describes the body of POST /api/v1/whatsapp-numbers with the properties and required fields of its DTO', () => {
    const number = requestSchema(['post', '/api/v1/whatsapp-numbers']);
    const rules = validatedProperties(RegisterWhatsappNumberRequestDto);
    expect(Object.keys(number.properties).sort()).toEqual(rules.all);
    expect([...(number.required ?? [])].sort()).toEqual(rules.required);
    expect(number.required).toEqual(['phoneNumber']);
    expect(new RegExp(number.properties.phoneNumber.pattern ?? '').test('+5511999990000')).toBe(true);
    expect(new RegExp(number.properties.phoneNumber.pattern ?? '').test('11 99999-0000')).toBe(false);
  });

  it('shows query and path parameters of the conversation routes', () => {
    const list = operation(['get', '/api/v1/conversations']).parameters ?? [];
    expect(list.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:assignedTo', 'query:limit', 'query:offset', 'query:state']);
    expect(list.find((p) => p.name === 'state')?.schema?.enum).toEqual(['ACTIVE', 'WAITING_USER', 'HANDOFF_PENDING', 'HUMAN_ACTIVE', 'CLOSED']);
    for (const path of ['/api/v1/conversations/{id}', '/api/v1/conversations/{id}/messages']) {
      const id = operation(['get', path]).parameters?.find((p) => p.name === 'id');
      expect(id).toMatchObject({ in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
    }
  });

  it('documents the Twilio webhook as a signed form answered with TwiML', () => {
    const webhook = operation(['post', '/webhooks/twilio/inbound']);
    const form = schemaOf(webhook.requestBody?.content['application/x-www-form-urlencoded'].schema.$ref);
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'WaId', 'ProfileName']));
    expect(webhook.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Twilio-Signature', in: 'header', required: true })]));
    expect(webhook.responses['200'].content?.['text/xml']).toBeDefined();
    expect(webhook.responses['403'].content?.['application/json'].schema.$ref).toBe(ERROR_REF);
    expect(webhook.responses['404'].content?.['application/json'].schema.$ref).toBe(ERROR_REF);
  });

  it('shares one error schema, matching what the error filter sends, for 401/403/404 of a protected route', async () => {
    const error = doc.components.schemas.ErrorResponseDto;
    expect(Object.keys(error.properties).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    expect(error.required?.sort()).toEqual(['error', 'message', 'statusCode']);

    const responses = operation(['get', '/api/v1/conversations/{id}']).responses;
    const refs = ['401', '403', '404'].map((status) => responses[status]?.content?.['application/json'].schema.$ref);
    expect(refs).toEqual([ERROR_REF, ERROR_REF, ERROR_REF]);

    const unauthorized = await call(app.url, 'GET', concrete('/api/v1/conversations/{id}'));
    expect(unauthorized.status).toBe(401);
    expect(Object.keys(unauthorized.body).every((key) => key in error.properties)).toBe(true);
    expect(unauthorized.body).toEqual(expect.objectContaining({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) }));
  });
});
