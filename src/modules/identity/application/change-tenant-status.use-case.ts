import { Injectable } from '@nestjs/common';
import { TenantNotFoundError } from '../domain/identity.errors';
import type { TenantDetails, TenantStatus } from '../domain/tenant';
import { TenantCatalogue } from './ports/tenant-catalogue.port';

/**
 * Suspends or reactivates a tenant. Suspension only changes the state: the webhook keeps storing
 * its messages, the AI worker stops answering them and login refuses its staff.
 */
@Injectable()
export class ChangeTenantStatus {
  constructor(private readonly tenants: TenantCatalogue) {}

  async execute(tenantId: string, status: TenantStatus, at: Date = new Date()): Promise<TenantDetails> {
    const tenant = await this.tenants.setStatus(tenantId, status, at);
    if (!tenant) throw new TenantNotFoundError();
    return tenant;
  }
}
