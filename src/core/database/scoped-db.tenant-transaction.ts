import { Injectable } from '@nestjs/common';
import { ScopedDb } from './scoped-db';
import { TenantTransaction } from './tenant-transaction.port';

@Injectable()
export class ScopedDbTenantTransaction extends TenantTransaction {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.db.forTenant(tenantId, () => work());
  }

  runAsPlatform<T>(work: () => Promise<T>): Promise<T> {
    return this.db.asPlatform(() => work());
  }
}
