import { Injectable } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import type { Page } from '@core/http/pagination.dto';
import { AuditEvent, AuditTenantFilterForbiddenError } from '../domain/audit-event';
import { AuditEventFilter, AuditEventRepository } from './ports/audit-event.repository.port';

/** Tenant admins read their own tenant's log; platform admins read everything, or one tenant's. */
@Injectable()
export class AuditEventQueries {
  constructor(private readonly events: AuditEventRepository) {}

  async list(caller: Principal, filter: AuditEventFilter & { tenantId?: string }): Promise<Page<AuditEvent>> {
    const { tenantId, ...rest } = filter;
    if (caller.role === 'platform_admin') return this.events.listAcrossTenants(filter);
    if (!caller.tenantId || (tenantId !== undefined && tenantId !== caller.tenantId)) throw new AuditTenantFilterForbiddenError();
    return this.events.listForTenant(caller.tenantId, rest);
  }
}
