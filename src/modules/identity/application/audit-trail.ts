import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import { TenantTransaction } from '@core/database/tenant-transaction.port';
import { auditDetails } from '../domain/audit-redaction';
import { sanitiseAuditEvent } from '../domain/audit-sanitising';
import { auditAction, auditTarget, auditTenant, carriesPersonalData, isLongWrite, LOGIN_FAILED, LOGIN_SUCCEEDED, NewAuditEvent } from '../domain/audit-event';
import { normaliseEmail, StaffUser } from '../domain/staff-user';
import { AuditEventRepository } from './ports/audit-event.repository.port';
import { StaffUserRepository } from './ports/staff-user.repository.port';

export interface AuditedRequest {
  principal: Principal;
  method: string;
  routeTemplate: string;
  params: Record<string, unknown>;
  requestBody: unknown;
  responseBody: unknown;
  ip: string | null;
  correlationId: string | null;
}

export interface LoginAttempt {
  email: string;
  /** Null when the login succeeded; else the error code (wrong credentials, throttled). */
  failure: string | null;
  ip: string | null;
  correlationId: string | null;
}

/**
 * Writes the audit log. A staff member's write and its event commit in one transaction, or
 * neither does: a write that cannot be audited does not happen. Every event is made storable
 * first (NUL bytes, lone surrogates, size), so no client input can make its insert fail. Login
 * attempts are recorded after the fact and never fail the login: they are no writes by the user.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    private readonly events: AuditEventRepository,
    private readonly staff: StaffUserRepository,
    private readonly tx: TenantTransaction,
  ) {}

  /**
   * Runs the write in the transaction of its event's scope (the actor's tenant; for a platform
   * admin, the tenant the route names, else the platform) and appends the event there before the
   * commit; returns what the write returned. Repository calls of that scope inside the write join
   * the transaction, and a failed append rolls it back. Calls of another scope commit on their own.
   */
  recordWrite<T>(request: Omit<AuditedRequest, 'responseBody'>, write: () => Promise<T>): Promise<T> {
    if (isLongWrite(request.method, request.routeTemplate)) return this.recordAfterLongWrite(request, write);
    const tenantId = auditTenant(request.principal.tenantId, request.routeTemplate, request.params);
    const audited = async () => {
      const responseBody = await write();
      await this.recordRequest({ ...request, responseBody });
      return responseBody;
    };
    return tenantId ? this.tx.run(tenantId, audited) : this.tx.runAsPlatform(audited);
  }

  /**
   * A long write (isLongWrite) runs without a request-wide transaction and its event is appended
   * right after it. Made storable first, the event fails to insert only if the database does; that
   * is logged, since the write has committed by then.
   */
  private async recordAfterLongWrite<T>(request: Omit<AuditedRequest, 'responseBody'>, write: () => Promise<T>): Promise<T> {
    const responseBody = await write();
    await this.appendQuietly(this.requestEvent({ ...request, responseBody }));
    return responseBody;
  }

  /** Appends the event of one staff request; a failure is the caller's (recordWrite rolls the write back). */
  async recordRequest(request: AuditedRequest): Promise<void> {
    await this.events.append(sanitiseAuditEvent(this.requestEvent(request)));
  }

  private requestEvent(request: AuditedRequest): NewAuditEvent {
    const { principal, routeTemplate, params } = request;
    return {
      tenantId: auditTenant(principal.tenantId, routeTemplate, params),
      actorId: principal.userId,
      actorRole: principal.role,
      action: auditAction(request.method, routeTemplate),
      ...auditTarget(routeTemplate, params, request.responseBody),
      details: auditDetails(request.requestBody, { personalData: carriesPersonalData(routeTemplate) }),
      ip: request.ip,
      correlationId: request.correlationId,
    };
  }

  /** The account is looked up by e-mail, so a failure on a known account lands in its tenant's log. */
  async recordLogin(attempt: LoginAttempt): Promise<void> {
    const email = normaliseEmail(attempt.email);
    const succeeded = attempt.failure === null;
    const action = succeeded ? LOGIN_SUCCEEDED : LOGIN_FAILED;
    let account: StaffUser | null;
    try {
      account = await this.staff.findByEmail(email);
    } catch (error) {
      this.logger.error({ err: error, action }, 'audit event not recorded');
      return;
    }
    await this.appendQuietly({
      tenantId: account?.tenantId ?? null,
      // A failed attempt proves nobody's identity: the account is its target, not its actor.
      actorId: succeeded ? (account?.id ?? null) : null,
      actorRole: succeeded ? (account?.role ?? null) : null,
      action,
      targetType: 'staff',
      targetId: account?.id ?? null,
      details: succeeded ? { email } : { email, reason: attempt.failure },
      ip: attempt.ip,
      correlationId: attempt.correlationId,
    });
  }

  private async appendQuietly(event: NewAuditEvent): Promise<void> {
    try {
      await this.events.append(sanitiseAuditEvent(event));
    } catch (error) {
      this.logger.error({ err: error, action: event.action, correlationId: event.correlationId }, 'audit event not recorded');
    }
  }
}
