import { redactPii } from '../privacy/pii-detection';

const MAX_DEPTH = 8;

/**
 * Personal data never reaches the log: every string inside the logged fields goes through
 * redactPii (CPF, CNPJ, e-mail, phone, card numbers). Plain objects and arrays are copied, never
 * changed in place; other objects (Errors, Dates, buffers) are left to their serializers.
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactLogValue(item, depth + 1)]));
}

/** An error as pino's serializer shapes it (an object with its own prototype), redacted the same way. */
export function redactSerializedError(serialized: unknown): unknown {
  if (serialized === null || typeof serialized !== 'object') return redactLogValue(serialized);
  const copy = redactLogValue({ ...serialized }) as Record<string, unknown>;
  if (Array.isArray(copy.aggregateErrors)) copy.aggregateErrors = copy.aggregateErrors.map(redactSerializedError);
  return copy;
}
