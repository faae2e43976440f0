import { HttpToolInvalidHeadersError, HttpToolInvalidNameError, HttpToolInvalidSchemaError, HttpToolInvalidUrlError } from './http-tool.errors';
import { compileParameters, isPlainObject, type JsonSchemaObject } from './json-schema';
import { BUILT_IN_TOOLS, isBuiltInTool } from './tool-names';

export type { JsonSchemaObject } from './json-schema';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A tenant-defined tool the agents may call against the tenant's own systems. */
export interface HttpToolDefinition {
  id: string;
  name: string;
  description: string;
  parameters: JsonSchemaObject;
  url: string;
  method: HttpMethod;
  /** Opened from their sealed form; only ever in memory. */
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  enabled: boolean;
}

/** The same bounds as the http_tools table's checks. */
export const HTTP_TOOL_LIMITS = {
  descriptionMaxLength: 1000,
  urlMaxLength: 2048,
  maxHeaders: 20,
  headerValueMaxLength: 4096,
  timeoutMs: { min: 100, max: 30_000, default: 5000 },
  maxResponseBytes: { min: 256, max: 1_048_576, default: 16_384 },
} as const;

export const HTTP_TOOL_NAME = /^[a-z][a-z0-9_]{2,63}$/;
/** RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII and Latin-1, spaces and tabs: no CR, LF or NUL that could inject another header. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Set by the runner or the connection itself. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect', 'proxy-connection']);
/** A `{param}` placeholder of a URL template's path. */
export const URL_PLACEHOLDER = /\{([^{}]*)\}/g;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a tenant admin defines; `headers` is absent when a change leaves them as they are. */
export interface HttpToolDraft {
  name: string;
  parameters: unknown;
  url: string;
  headers?: Record<string, unknown>;
}

/** Throws the DomainError of the first problem: name, parameters schema, URL, headers. */
export function validateHttpToolDraft(draft: HttpToolDraft): void {
  validateName(draft.name);
  compileParameters(draft.parameters);
  validateUrl(draft.url, draft.parameters as JsonSchemaObject);
  if (draft.headers !== undefined) validateHeaders(draft.headers);
}

function validateName(name: string): void {
  if (!HTTP_TOOL_NAME.test(name)) {
    throw new HttpToolInvalidNameError('name must be 3-64 characters: a lowercase letter, then lowercase letters, digits or _');
  }
  if (isBuiltInTool(name)) throw new HttpToolInvalidNameError(`name must not be a built-in tool's (${BUILT_IN_TOOLS.join(', ')})`);
}

/** The names of the `{param}` placeholders of a URL template, in order. */
export function placeholderNames(url: string): string[] {
  return [...url.matchAll(URL_PLACEHOLDER)].map((match) => match[1]);
}

function validateUrl(url: string, parameters: JsonSchemaObject): void {
  if (url.length > HTTP_TOOL_LIMITS.urlMaxLength) throw new HttpToolInvalidUrlError(`url must be at most ${HTTP_TOOL_LIMITS.urlMaxLength} characters`);
  const names = placeholderNames(url);
  const bad = names.find((name) => !PARAMETER_NAME.test(name));
  if (bad !== undefined) throw new HttpToolInvalidUrlError(`url placeholder {${bad}} must name a parameter (letters, digits, _)`);
  const markers = names.map((_, i) => `zzatendeparam${i}zz`);
  let i = 0;
  const probe = url.replace(URL_PLACEHOLDER, () => markers[i++]);
  if (/[{}]/.test(probe)) throw new HttpToolInvalidUrlError('url has an unbalanced { or }');
  const parsed = parseHttpUrl(probe);
  const outsidePath = markers.some((marker) => !parsed.pathname.includes(marker) || `${parsed.host}${parsed.search}${parsed.hash}`.includes(marker));
  if (outsidePath) throw new HttpToolInvalidUrlError('url placeholders are allowed only in the path');
  const required = new Set(parameters.required ?? []);
  const undeclared = names.find((name) => !isPlainObject(parameters.properties) || !(name in parameters.properties) || !required.has(name));
  if (undeclared !== undefined) {
    throw new HttpToolInvalidSchemaError(`url placeholder {${undeclared}} must be a property of parameters, listed in its "required"`);
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpToolInvalidUrlError('url must be an absolute http(s) URL, e.g. https://api.example.com/orders/{orderId}');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HttpToolInvalidUrlError('url must use http or https');
  if (!parsed.hostname) throw new HttpToolInvalidUrlError('url must name a host');
  if (parsed.username || parsed.password) throw new HttpToolInvalidUrlError('url must not carry credentials; put them in a header');
  return parsed;
}

function validateHeaders(headers: Record<string, unknown>): void {
  if (!isPlainObject(headers)) throw new HttpToolInvalidHeadersError('headers must be an object of header names to values');
  const names = Object.keys(headers);
  if (names.length > HTTP_TOOL_LIMITS.maxHeaders) throw new HttpToolInvalidHeadersError(`at most ${HTTP_TOOL_LIMITS.maxHeaders} headers`);
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw new HttpToolInvalidHeadersError(`"${name}" is not a valid header name`);
    if (RESERVED_HEADERS.has(lower)) throw new HttpToolInvalidHeadersError(`the ${name} header is set by the connection and cannot be defined`);
    if (seen.has(lower)) throw new HttpToolInvalidHeadersError(`the ${name} header is defined twice`);
    seen.add(lower);
    const value = headers[name];
    if (typeof value !== 'string' || !HEADER_VALUE.test(value) || value.length > HTTP_TOOL_LIMITS.headerValueMaxLength) {
      throw new HttpToolInvalidHeadersError(`the value of ${name} must be text of at most ${HTTP_TOOL_LIMITS.headerValueMaxLength} characters without line breaks`);
    }
  }
}
