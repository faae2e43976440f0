import { HttpToolDraft, validateHttpToolDraft } from './http-tool';
import { argumentsProblem, compileParameters, JsonSchemaObject } from './json-schema';

const ORDER_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: { orderId: { type: 'string', maxLength: 20 }, verbose: { type: 'boolean' } },
  required: ['orderId'],
  additionalProperties: false,
};

const draft = (overrides: Partial<HttpToolDraft> = {}): HttpToolDraft => ({
  name: 'status_do_pedido',
  parameters: ORDER_SCHEMA,
  url: 'https://api.loja.example/orders/{orderId}',
  headers: { Authorization: 'Bearer s3cr3t', 'X-Store': 'loja-1' },
  ...overrides,
});

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('validateHttpToolDraft', () => {
  it('accepts a tool with a path placeholder declared as a required parameter, and headers', () => {
    expect(() => validateHttpToolDraft(draft())).not.toThrow();
    expect(() => validateHttpToolDraft(draft({ url: 'http://10.0.0.5:8080/saldo?v=2', parameters: { type: 'object', properties: {} }, headers: {} }))).not.toThrow();
  });

  it('accepts a change that leaves the headers as they are (headers absent)', () => {
    expect(() => validateHttpToolDraft(draft({ headers: undefined }))).not.toThrow();
  });

  it.each(['ab', 'Consultar', '1saldo', 'consultar-saldo', 'a'.repeat(65), 'saldo ok'])('refuses the name %j', (name) => {
    expect(codeOf(() => validateHttpToolDraft(draft({ name })))).toBe('AI.HTTP_TOOL_INVALID_NAME');
  });

  it.each(['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human'])('refuses the built-in name %s', (name) => {
    expect(codeOf(() => validateHttpToolDraft(draft({ name })))).toBe('AI.HTTP_TOOL_INVALID_NAME');
  });

  it.each([
    ['not a URL', 'orders'],
    ['another scheme', 'ftp://files.example/orders/{orderId}'],
    ['a file URL', 'file:///etc/passwd'],
    ['credentials in the URL', 'https://user:pass@api.example/orders/{orderId}'],
    ['a placeholder in the host', 'https://{orderId}.api.example/orders'],
    ['a placeholder in the query', 'https://api.example/orders?id={orderId}'],
    ['an unbalanced brace', 'https://api.example/orders/{orderId}}'],
    ['a placeholder that is no parameter name', 'https://api.example/orders/{order-id}'],
    ['a URL over 2048 characters', `https://api.example/${'a'.repeat(2048)}`],
  ])('refuses %s', (_, url) => {
    expect(codeOf(() => validateHttpToolDraft(draft({ url })))).toBe('AI.HTTP_TOOL_INVALID_URL');
  });

  it('refuses a placeholder that is not a required property of the parameters', () => {
    expect(codeOf(() => validateHttpToolDraft(draft({ url: 'https://api.example/clients/{clientId}' })))).toBe('AI.HTTP_TOOL_INVALID_SCHEMA');
    const optional = { ...ORDER_SCHEMA, required: [] };
    expect(codeOf(() => validateHttpToolDraft(draft({ parameters: optional })))).toBe('AI.HTTP_TOOL_INVALID_SCHEMA');
  });

  it.each([
    ['not an object', 'a string'],
    ['a root that is no object type', { type: 'string' }],
    ['a root without type', { properties: {} }],
    ['an unknown keyword (a typo)', { type: 'object', propertise: {} }],
    ['properties that are no object', { type: 'object', properties: 3 }],
    ['an unresolvable $ref', { type: 'object', properties: { a: { $ref: 'https://schemas.example/a.json' } } }],
    ['a regular expression', { type: 'object', properties: { cpf: { type: 'string', pattern: '^[0-9]{11}$', maxLength: 11 } } }],
    ['patternProperties', { type: 'object', patternProperties: { '^x': { type: 'string' } } }],
    ['a schema nested too deep', { type: 'object', properties: { a: JSON.parse('{"type":"array","items":'.repeat(20) + '{"type":"string"}' + '}'.repeat(20)) } }],
  ])('refuses parameters with %s', (_, parameters) => {
    expect(codeOf(() => validateHttpToolDraft(draft({ parameters, url: 'https://api.example/x' })))).toBe('AI.HTTP_TOOL_INVALID_SCHEMA');
  });

  it('accepts a parameter named "pattern": only the keyword is refused', () => {
    expect(() => compileParameters({ type: 'object', properties: { pattern: { type: 'string' } } })).not.toThrow();
  });

  it.each([
    ['a name that is no token', { 'X Store': 'a' }],
    ['a value with a line break', { 'X-Store': 'a\r\nX-Injected: 1' }],
    ['a value that is no string', { 'X-Store': 42 }],
    ['a connection header', { Host: 'internal.example' }],
    ['the same header twice', { 'X-Key': 'a', 'x-key': 'b' }],
    ['more than 20 headers', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v']))],
  ])('refuses headers with %s', (_, headers) => {
    expect(codeOf(() => validateHttpToolDraft(draft({ headers })))).toBe('AI.HTTP_TOOL_INVALID_HEADERS');
  });

  it('accepts exactly 20 headers', () => {
    expect(() => validateHttpToolDraft(draft({ headers: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`X-H${i}`, 'v'])) }))).not.toThrow();
  });
});

describe('argumentsProblem', () => {
  it('is null for arguments that fit the schema', () => {
    expect(argumentsProblem(ORDER_SCHEMA, { orderId: 'A-1', verbose: true })).toBeNull();
  });

  it('says which argument is wrong and how', () => {
    expect(argumentsProblem(ORDER_SCHEMA, { orderId: 7 })).toBe('/orderId must be string');
    expect(argumentsProblem(ORDER_SCHEMA, {})).toBe("the arguments must have required property 'orderId'");
    expect(argumentsProblem(ORDER_SCHEMA, { orderId: 'A', extra: 1 })).toBe('the arguments must NOT have additional properties (extra)');
    expect(argumentsProblem({ type: 'object', properties: { kind: { enum: ['a', 'b'] } } }, { kind: 'c' })).toBe('/kind must be equal to one of the allowed values: ["a","b"]');
    expect(argumentsProblem(ORDER_SCHEMA, 'orderId=1')).toBe('the arguments must be object');
  });

  it('refuses arguments too large to be a sensible call', () => {
    expect(argumentsProblem({ type: 'object' }, { text: 'x'.repeat(70_000) })).toMatch(/at most 65536 characters/);
  });
});
