import { Injectable } from '@nestjs/common';
import { TenantNotFoundError } from '../domain/identity.errors';
import type { TenantDetails } from '../domain/tenant';
import { TenantCatalogue } from './ports/tenant-catalogue.port';

@Injectable()
export class UpdateTenant {
  constructor(private readonly tenants: TenantCatalogue) {}

  async execute(tenantId: string, changes: { name?: string }): Promise<TenantDetails> {
    const updated = changes.name === undefined ? await this.tenants.find(tenantId) : await this.tenants.rename(tenantId, changes.name.trim());
    if (!updated) throw new TenantNotFoundError();
    return updated;
  }
}
