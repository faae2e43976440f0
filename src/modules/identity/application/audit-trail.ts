import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import { auditDetails } from '../domain/audit-redaction';
import { auditAction, auditTarget, auditTenant, carriesPersonalData, LOGIN_FAILED, LOGIN_SUCCEEDED, NewAuditEvent } from '../domain/audit-event';
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
 * Writes the audit log. Recording never fails the caller: an error is logged and swallowed, since
 * losing an audit row must not undo or refuse the staff action it describes.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    private readonly events: AuditEventRepository,
    private readonly staff: StaffUserRepository,
  ) {}

  recordRequest(request: AuditedRequest): Promise<void> {
    const { principal, routeTemplate, params } = request;
    return this.append({
      tenantId: auditTenant(principal.tenantId, routeTemplate, params),
      actorId: principal.userId,
      actorRole: principal.role,
      action: auditAction(request.method, routeTemplate),
      ...auditTarget(routeTemplate, params, request.responseBody),
      details: auditDetails(request.requestBody, { personalData: carriesPersonalData(routeTemplate) }),
      ip: request.ip,
      correlationId: request.correlationId,
    });
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
    await this.append({
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

  private async append(event: NewAuditEvent): Promise<void> {
    try {
      await this.events.append(event);
    } catch (error) {
      this.logger.error({ err: error, action: event.action, correlationId: event.correlationId }, 'audit event not recorded');
    }
  }
}
