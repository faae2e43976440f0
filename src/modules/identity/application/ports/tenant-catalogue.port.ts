import type { Page } from '@core/http/pagination.dto';
import type { TenantDetails, TenantStatus } from '../../domain/tenant';

export interface TenantFilter {
  status?: TenantStatus;
  /** Case-insensitive part of the name. */
  nameContains?: string;
  limit: number;
  offset: number;
}

/** Tenants as the platform admin manages them. Every method but list sees one tenant only. */
export abstract class TenantCatalogue {
  /** Newest first. */
  abstract list(filter: TenantFilter): Promise<Page<TenantDetails>>;
  abstract find(tenantId: string): Promise<TenantDetails | null>;
  /** Null when the tenant does not exist. */
  abstract rename(tenantId: string, name: string): Promise<TenantDetails | null>;
  /** Suspending keeps the first suspension's time; reactivating clears it. Null when the tenant does not exist. */
  abstract setStatus(tenantId: string, status: TenantStatus, at: Date): Promise<TenantDetails | null>;
}
