import { DomainError } from '@core/errors/domain-error';

/** One staff action, as the audit log keeps it (append-only). */
export interface AuditEvent {
  id: string;
  /** Null for platform actions that touch no tenant. */
  tenantId: string | null;
  actorId: string | null;
  actorRole: string | null;
  /** `METHOD /route/template` for API calls, or `auth.login` / `auth.login_failed`. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The request body with every secret replaced by REDACTED. */
  details: Record<string, unknown>;
  ip: string | null;
  correlationId: string | null;
  createdAt: Date;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'createdAt'>;

export const LOGIN_SUCCEEDED = 'auth.login';
export const LOGIN_FAILED = 'auth.login_failed';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_PREFIX = '/api/v1/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Routes whose bodies are a contact's personal data: the log keeps which fields, never their values. */
const PERSONAL_DATA_ROUTE = /^\/api\/v1\/contacts(\/|$)/;
/** Reads that hand out personal data are staff actions too (LGPD/GDPR access requests). */
const AUDITED_READS = /^\/api\/v1\/contacts\/:id\/export$/;

/** Staff actions worth keeping: successful writes under the API, and exports of personal data. */
export function isAuditedRequest(method: string, routeTemplate: string | undefined): routeTemplate is string {
  if (!routeTemplate?.startsWith(API_PREFIX)) return false;
  const verb = method.toUpperCase();
  return MUTATING.has(verb) || (verb === 'GET' && AUDITED_READS.test(routeTemplate));
}

/**
 * Writes that spend seconds outside the database (reading and embedding a document, calling a
 * tenant's HTTP tool): held open around them, a request-wide transaction would keep a pooled
 * connection that every tenant's webhooks need, so a tenant admin could starve the pool. Their own
 * use cases write in short transactions, and their event follows right after the write.
 */
const LONG_WRITES = /^\/api\/v1\/(knowledge-base\/(documents|reindex)|http-tools\/:id\/test)$/;

export function isLongWrite(method: string, routeTemplate: string): boolean {
  return method.toUpperCase() === 'POST' && LONG_WRITES.test(routeTemplate);
}

export function carriesPersonalData(routeTemplate: string): boolean {
  return PERSONAL_DATA_ROUTE.test(routeTemplate);
}

/** The route pattern, never the concrete URL, so that one kind of action always reads the same. */
export function auditAction(method: string, routeTemplate: string): string {
  return `${method.toUpperCase()} ${routeTemplate}`;
}

/**
 * What the action touched: the `:id` of the route, or on creation the id of the response body; its
 * type is the resource segment of the route (`whatsapp-numbers` for `/api/v1/whatsapp-numbers/:id/disable`).
 */
export function auditTarget(routeTemplate: string, params: Record<string, unknown>, responseBody: unknown): { targetType: string | null; targetId: string | null } {
  const segments = routeTemplate.slice(API_PREFIX.length).split('/').filter(Boolean);
  const idAt = segments.indexOf(':id');
  const targetType = (idAt > 0 ? segments[idAt - 1] : segments.find((s) => !s.startsWith(':'))) ?? null;
  const fromParams = typeof params.id === 'string' ? params.id : null;
  const created = responseBody && typeof responseBody === 'object' ? (responseBody as { id?: unknown }).id : undefined;
  const targetId = fromParams ?? (typeof created === 'string' ? created : null);
  return { targetType: targetType?.slice(0, 60) ?? null, targetId: targetId?.slice(0, 64) ?? null };
}

/**
 * The tenant an action belongs to: the actor's own; for a platform admin, the tenant named by the
 * route (`:tenantId`, or `:id` under /tenants), else none (a platform action).
 */
export function auditTenant(actorTenantId: string | null, routeTemplate: string, params: Record<string, unknown>): string | null {
  if (actorTenantId) return actorTenantId;
  const named = routeTemplate.includes(':tenantId') ? params.tenantId : routeTemplate.startsWith(`${API_PREFIX}tenants/:id`) ? params.id : undefined;
  return typeof named === 'string' && UUID.test(named) ? named : null;
}

export class AuditTenantFilterForbiddenError extends DomainError {
  readonly code = 'IDENTITY.AUDIT_TENANT_FILTER_FORBIDDEN';
  readonly kind = 'forbidden' as const;
  constructor() {
    super("Only a platform admin may read another tenant's audit events");
  }
}
