/** Keys whose values never reach the audit log, at any depth. */
const SECRET_KEY = /password|token|secret|authorization|api[-_]?key|cookie|credential/i;
/** Objects of HTTP headers, whose every value is redacted. */
const HEADERS_KEY = /^headers$/i;
export const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
const MAX_STRING = 2000;

/** A copy of a request body with every secret replaced by REDACTED, safe to keep in the audit log. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, redactEntry(key, inner, depth + 1)]),
  );
}

function redactEntry(key: string, value: unknown, depth: number): unknown {
  if (SECRET_KEY.test(key)) return REDACTED;
  return HEADERS_KEY.test(key) ? redactHeaderValues(value, depth) : redactSecrets(value, depth);
}

/** Any header may carry a credential (X-Store-Key, X-Auth ...): its name is kept, never its value. */
function redactHeaderValues(headers: unknown, depth: number): unknown {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return redactSecrets(headers, depth);
  return Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
}

/**
 * The details column holds an object: a body that is not one is kept under `body`. For personal
 * data (a contact's name, notes, tags) only the names of the fields are kept: an erasure cannot
 * reach the append-only log, so the values must never get there.
 */
export function auditDetails(body: unknown, options: { personalData?: boolean } = {}): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (options.personalData) return typeof body === 'object' && !Array.isArray(body) ? { fields: Object.keys(body as object) } : {};
  const redacted = redactSecrets(body);
  return typeof redacted === 'object' && redacted !== null && !Array.isArray(redacted) ? (redacted as Record<string, unknown>) : { body: redacted };
}
