import { type HttpMethod, type HttpToolDefinition, placeholderNames, URL_PLACEHOLDER } from './http-tool';
import { HttpToolInvalidArgumentsError } from './http-tool.errors';
import { isPlainObject } from './json-schema';

/** The request one call of a tool makes, ready to send. */
export interface HttpToolRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** JSON, for POST, PUT and PATCH; null for GET and DELETE, whose arguments go to the query string. */
  body: string | null;
}

const MASK = '***';

/**
 * Fills the URL's `{param}` placeholders from the arguments (URL-encoded) and puts the other
 * arguments in the query string (GET, DELETE) or a JSON body (the others). Throws
 * HttpToolInvalidArgumentsError when a placeholder's value is missing or not a scalar.
 */
export function buildHttpToolRequest(tool: HttpToolDefinition, args: unknown): HttpToolRequest {
  const values = isPlainObject(args) ? args : {};
  const inPath = new Set(placeholderNames(tool.url));
  const url = new URL(tool.url.replace(URL_PLACEHOLDER, (_, name: string) => pathValue(name, values[name])));
  const rest = Object.fromEntries(Object.entries(values).filter(([name, value]) => !inPath.has(name) && value !== undefined));
  const headers = { ...tool.headers };
  if (tool.method === 'GET' || tool.method === 'DELETE') {
    appendQuery(url, rest);
    return { url: url.toString(), method: tool.method, headers, body: null };
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { url: url.toString(), method: tool.method, headers, body: JSON.stringify(rest) };
}

/** What an audit record may keep of a call: every header value masked. */
export function describeForAudit(tool: HttpToolDefinition, args: unknown): { url: string; method: string; headers: Record<string, string> } {
  const headers = Object.fromEntries(Object.keys(tool.headers).map((name) => [name, MASK]));
  let url = tool.url;
  try {
    url = buildHttpToolRequest(tool, args).url;
  } catch {
    // Arguments that cannot fill the URL: the template is what the record can show.
  }
  return { url, method: tool.method, headers };
}

function pathValue(name: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new HttpToolInvalidArgumentsError(`${name} must be a string, number or boolean (it fills the URL path)`);
  }
  const text = String(value);
  // URL parsers treat "." and ".." segments (encoded or not) as moves up the path, to another endpoint.
  if (text === '.' || text === '..') throw new HttpToolInvalidArgumentsError(`${name} must not be "." or ".."`);
  return encodeURIComponent(text);
}

/** Scalars as text, arrays as repeated keys, objects as JSON; nulls are left out. */
function appendQuery(url: URL, args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
}
