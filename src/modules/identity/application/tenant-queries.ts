import { Injectable } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { TenantNotFoundError } from '../domain/identity.errors';
import type { TenantDetails } from '../domain/tenant';
import { TenantCatalogue, TenantFilter } from './ports/tenant-catalogue.port';

/** Read side of tenant management: the platform admin's list and a tenant's own view. */
@Injectable()
export class TenantQueries {
  constructor(private readonly tenants: TenantCatalogue) {}

  list(filter: TenantFilter): Promise<Page<TenantDetails>> {
    const nameContains = filter.nameContains?.trim();
    return this.tenants.list({ ...filter, nameContains: nameContains || undefined });
  }

  async get(tenantId: string): Promise<TenantDetails> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw new TenantNotFoundError();
    return tenant;
  }
}
