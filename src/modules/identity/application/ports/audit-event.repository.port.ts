import type { Page } from '@core/http/pagination.dto';
import type { AuditEvent, NewAuditEvent } from '../../domain/audit-event';

export interface AuditEventFilter {
  /** Action prefix: `PATCH /api/v1/whatsapp-numbers` or `auth.`. */
  action?: string;
  actorId?: string;
  limit: number;
  offset: number;
}

/** The append-only audit log: events are added and read, never changed. */
export abstract class AuditEventRepository {
  abstract append(event: NewAuditEvent): Promise<void>;
  /** One tenant's events, newest first. */
  abstract listForTenant(tenantId: string, filter: AuditEventFilter): Promise<Page<AuditEvent>>;
  /** Every event of the platform (or of one tenant when given), newest first: platform admins only. */
  abstract listAcrossTenants(filter: AuditEventFilter & { tenantId?: string }): Promise<Page<AuditEvent>>;
}
