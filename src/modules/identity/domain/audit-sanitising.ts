import { storableText } from '@core/text/storable-text';
import type { NewAuditEvent } from './audit-event';

/*
 * What PostgreSQL refuses in text and jsonb: U+0000, and a UTF-16 surrogate without its other half
 * (jsonb cannot store "\ud800"). An audit event whose insert failed would now fail the write it
 * records, so every string of the event is made storable first (storableText), whatever the client sent.
 */

/** The most characters of serialised details kept; a larger body is kept as the start of its JSON. */
export const AUDIT_DETAILS_MAX_CHARS = 16_000;
const MAX_DEPTH = 10;

/** The event with every string storable and the details bounded: it always inserts. */
export function sanitiseAuditEvent(event: NewAuditEvent): NewAuditEvent {
  const text = (value: string | null) => (value === null ? null : storableText(value));
  return {
    ...event,
    actorRole: text(event.actorRole),
    action: storableText(event.action),
    targetType: text(event.targetType),
    targetId: text(event.targetId),
    ip: text(event.ip),
    correlationId: text(event.correlationId),
    details: sanitiseAuditDetails(event.details),
  };
}

export function sanitiseAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  const clean = storable(details, 0) as Record<string, unknown>;
  const json = JSON.stringify(clean);
  if (json.length <= AUDIT_DETAILS_MAX_CHARS) return clean;
  // Cut through the JSON text: the start of what was sent, as a string, never a half-parsed object.
  return { truncated: true, originalChars: json.length, start: storableText(json.slice(0, AUDIT_DETAILS_MAX_CHARS)) };
}

function storable(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value === undefined ? null : value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => storable(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storableText(key), storable(inner, depth + 1)]));
}
