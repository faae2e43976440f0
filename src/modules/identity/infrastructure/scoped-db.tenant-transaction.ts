import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { TenantTransaction } from '../application/ports/tenant-transaction.port';

/** Repositories (and other modules' personal-data sources) called inside share ScopedDb's transaction. */
@Injectable()
export class ScopedDbTenantTransaction extends TenantTransaction {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.db.forTenant(tenantId, () => work());
  }
}
