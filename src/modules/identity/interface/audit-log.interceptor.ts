import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable, tap } from 'rxjs';
import type { Principal } from '@core/auth/principal';
import { DomainError } from '@core/errors/domain-error';
import { RequestContextStore } from '@core/logging/request-context';
import { AuditTrail } from '../application/audit-trail';
import { isAuditedRequest } from '../domain/audit-event';

type AuditableRequest = FastifyRequest & { principal?: Principal };

const LOGIN_ROUTE = '/api/v1/auth/login';

/**
 * Global: records every successful write (POST, PUT, PATCH, DELETE) an authenticated staff member
 * makes under /api/v1, in the write's own transaction (AuditTrail.recordWrite), and every login
 * attempt, after the fact.
 */
@Injectable()
export class AuditLogInterceptor implements NestInterceptor {
  constructor(private readonly trail: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditableRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const route = request.routeOptions?.url;
    if (request.method === 'POST' && route === LOGIN_ROUTE) return this.auditLogin(request, reply, next);
    const principal = request.principal;
    if (!principal || !isAuditedRequest(request.method, route)) return next.handle();
    const audited = {
      principal,
      method: request.method,
      routeTemplate: route,
      params: (request.params ?? {}) as Record<string, unknown>,
      requestBody: request.body,
      ip: request.ip ?? null,
      correlationId: correlationIdOf(reply),
    };
    // The handler runs inside recordWrite, so its repository calls join the transaction the event is appended in.
    return from(this.trail.recordWrite(audited, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private auditLogin(request: AuditableRequest, reply: FastifyReply, next: CallHandler): Observable<unknown> {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string') return next.handle();
    const record = (failure: string | null) => void this.trail.recordLogin({ email, failure, ip: request.ip ?? null, correlationId: correlationIdOf(reply) });
    return next.handle().pipe(
      tap({
        next: () => record(null),
        // Only refusals the login itself decided (wrong credentials, throttled), not malformed requests or outages.
        error: (error: unknown) => {
          if (error instanceof DomainError) record(error.code);
        },
      }),
    );
  }
}

/** The request's correlation id, wherever this interceptor runs relative to CorrelationIdInterceptor. */
function correlationIdOf(reply: FastifyReply): string | null {
  const header = reply.getHeader('x-correlation-id');
  return RequestContextStore.current()?.correlationId ?? (typeof header === 'string' ? header : null);
}
